package dev.larder.backend.engine.dynamodb;

import static dev.larder.backend.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.migration.MigrationCommands;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.DynaliteTestResource;
import dev.larder.backend.testing.EventTap;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * DynamoDB datastores through Larder's HTTP API against dynalite behind the project's proxy
 * ({@link DynaliteTestResource}; what the proxy emulates is listed in deploy/README.md). Tables are read back with the
 * AWS SDK as a service would. dynalite checks no signature and no IAM policy: isolation is proven by evaluating the
 * rendered policy documents ({@link IamPolicy}) as AWS would, which is exactly what AWS enforces once they are attached.
 */
@QuarkusTest
class DynamoDbDatastoreTest extends LarderTest {

    static final String CLUSTER = DynaliteTestResource.CLUSTER;
    static final Duration ANSWER = Duration.ofSeconds(60);
    static final String HOLDER = Api.RUN + ".ddb-holder@example.com";
    static final String APPROVER = Api.RUN + ".ddb-approver@example.com";
    static final String SPEC = """
            {"partitionKey": {"name": "tenantId", "type": "S"}, "sortKey": {"name": "orderId", "type": "S"},
             "globalSecondaryIndexes": [{"name": "byStatus", "partitionKey": {"name": "tenantId", "type": "S"},
                                         "sortKey": {"name": "status", "type": "S"}, "projection": "KEYS_ONLY"}],
             "billingMode": "PROVISIONED", "readCapacity": 5, "writeCapacity": 3,
             "ttlAttribute": "expiresAt", "tenantKey": "tenantId"}""";
    static final String SIMPLE_SPEC = """
            {"partitionKey": {"name": "id", "type": "S"}}""";
    static final String ADD_BY_CUSTOMER = """
            {"operations": [{"op": "addIndex", "index": {"name": "byCustomer",
              "partitionKey": {"name": "customerId", "type": "S"}, "projection": "ALL"}}]}""";

    @ConfigProperty(name = "larder.it.dynamodb.host")
    String host;

    @ConfigProperty(name = "larder.it.dynamodb.port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String team;
    String service;

    @BeforeEach
    void dynamoCluster() {
        DynaliteTestResource.ensureCluster();
        team = Api.team("ddb");
        service = Api.service(team, "ddb");
    }

    DynamoDbClient sdk() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://" + host + ":" + port))
                .region(Region.of(DynaliteTestResource.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASERVICE",
                        "service-secret"))).build();
    }

    long create(String name, String spec) {
        return Api.datastore(service, name, "dynamodb", CLUSTER, new JsonPath(spec).getMap("$")).getLong("id");
    }

    String table(String name) {
        return "dev." + service + "." + name;
    }

    TableDescription describe(String table) {
        try (DynamoDbClient client = sdk()) {
            return client.describeTable(r -> r.tableName(table)).table();
        }
    }

    /** A time-boxed grant the holder asked for and a teammate approved; returns its id. */
    long approvedGrant(long datastoreId, String level, String duration) {
        Api.memberOnce(HOLDER, team);
        Api.memberOnce(APPROVER, team);
        long grantId = Api.as(HOLDER).body(Map.of("level", level, "duration", duration, "reason",
                "Debugging stuck orders (INC-9)")).post("/api/v1/datastores/" + datastoreId + "/access-requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long approvalId = admin().get("/api/v1/access-grants/" + grantId).jsonPath().getLong("approvalId");
        Api.as(APPROVER).body(Map.of("reason", "ok")).post("/api/v1/approvals/" + approvalId + "/approve").then()
                .statusCode(200);
        return grantId;
    }

    JsonPath reveal(long id) {
        return admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void aTableIsProvisionedFromItsSpecWithKeysIndexesBillingTtlAndTags() {
        long id = create("orders", SPEC);
        String table = table("orders");
        TableDescription description = describe(table);

        assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("tenantId:HASH", "orderId:RANGE");
        assertThat(description.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("byStatus");
            assertThat(index.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY");
            assertThat(index.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        });
        assertThat(description.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(description.provisionedThroughput().writeCapacityUnits()).isEqualTo(3);
        assertThat(description.tableArn()).isEqualTo("arn:aws:dynamodb:" + DynaliteTestResource.REGION + ":"
                + DynaliteTestResource.ACCOUNT_ID + ":table/" + table);
        try (DynamoDbClient client = sdk()) {
            assertThat(client.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName())
                    .isEqualTo("expiresAt");
            Map<String, String> tags = client.listTagsOfResource(r -> r.resourceArn(description.tableArn())).tags()
                    .stream().collect(Collectors.toMap(Tag::key, Tag::value));
            assertThat(tags).containsEntry("service", service).containsEntry("team", team)
                    .containsEntry("owner", "group:default/" + team).containsEntry("environment", "dev").containsEntry("larder:datastore-id", String.valueOf(id));
        }
        // The stored spec is the normalised one (defaults written out).
        admin().get("/api/v1/datastores/" + id).then().statusCode(200)
                .body("spec.globalSecondaryIndexes[0].projection", equalTo("KEYS_ONLY"))
                .body("spec.billingMode", equalTo("PROVISIONED"));
    }

    @Test
    void aBadSpecIsRefusedNamingTheFieldAndNothingIsCreated() {
        Map<String, String> cases = Map.of(
                "{\"partitionKey\": {\"name\": \"id\", \"type\": \"X\"}}", "spec.partitionKey.type",
                "{\"partitionKey\": {\"name\": \"id\", \"type\": \"S\"}, \"billingMode\": \"PROVISIONED\"}",
                "spec.readCapacity",
                "{\"partitionKey\": {\"name\": \"id\", \"type\": \"S\"}, \"globalSecondaryIndexes\": [{\"name\": \"ix\","
                        + " \"partitionKey\": {\"name\": \"s\", \"type\": \"S\"}}]}",
                "spec.globalSecondaryIndexes[0].name",
                "{\"partitionKey\": {\"name\": \"id\", \"type\": \"S\"}, \"ttl\": \"expiresAt\"}", "spec.ttl",
                "{\"partitionKey\": {\"name\": \"id\", \"type\": \"N\"}, \"tenantKey\": \"id\"}", "spec.tenantKey");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            admin().body(Map.of("service", service, "name", "badspec", "kind", "dynamodb", "environment", "dev",
                    "cluster", CLUSTER, "spec", new JsonPath(bad.getKey()).getMap("$")))
                    .post("/api/v1/datastores").then().statusCode(400)
                    .body("violations[0].field", equalTo(bad.getValue()));
        }
        admin().body(Map.of("service", service, "name", "badspec", "kind", "dynamodb", "environment", "dev",
                "cluster", CLUSTER)).post("/api/v1/datastores").then().statusCode(400)
                .body("violations[0].field", equalTo("spec"));
        try (DynamoDbClient client = sdk()) {
            assertThat(client.listTables().tableNames()).doesNotContain(table("badspec"));
        }
        admin().queryParam("service", service).get("/api/v1/datastores").then().statusCode(200)
                .body("items.findAll { it.name == 'badspec' }.size()", equalTo(0));
    }

    @Test
    void theServiceUsesItsTableWithTheSdk() {
        create("shopping", SPEC);
        String table = table("shopping");
        try (DynamoDbClient client = sdk()) {
            for (int i = 1; i <= 3; i++) {
                client.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("acme"),
                        "orderId", AttributeValue.fromS("o" + System.nanoTime()), "status",
                        AttributeValue.fromS("new"))));
            }
            assertThat(client.query(r -> r.tableName(table).keyConditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("acme")))).count()).isEqualTo(3);
            assertThat(client.query(r -> r.tableName(table).indexName("byStatus")
                    .keyConditionExpression("tenantId = :t AND #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("acme"), ":s",
                            AttributeValue.fromS("new")))).count()).isEqualTo(3);
        }
    }

    @Test
    void theOwnerPolicyReachesItsTableAndIndexesOnlyWithinItsTenantKey() {
        long id = create("isolated", SPEC);
        long other = create("neighbour", SIMPLE_SPEC);
        JsonPath revealed = reveal(id);
        String arn = revealed.getString("tableArn");
        String otherArn = reveal(other).getString("tableArn");

        assertThat(revealed.getString("tableName")).isEqualTo(table("isolated"));
        assertThat(arn).isEqualTo(describe(table("isolated")).tableArn());
        assertThat(revealed.getString("region")).isEqualTo(DynaliteTestResource.REGION);
        assertThat(revealed.getString("endpoint")).isEqualTo("http://" + host + ":" + port);
        assertThat(revealed.getString("password")).as("no password for a rendered policy").isNull();

        IamPolicy policy = IamPolicy.parse(revealed.getString("iamPolicy"));
        IamPolicy.Request put = new IamPolicy.Request("dynamodb:PutItem", arn).with("aws:PrincipalTag/tenantId",
                "acme").with("dynamodb:LeadingKeys", "acme");
        assertThat(policy.allows(put)).as("own table, own tenant").isTrue();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:Query", arn + "/index/byStatus")
                .with("aws:PrincipalTag/tenantId", "acme").with("dynamodb:LeadingKeys", "acme")))
                .as("own index").isTrue();
        assertThat(policy.allows(put.with("dynamodb:LeadingKeys", "globex"))).as("another tenant's key").isFalse();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:PutItem", otherArn)
                .with("aws:PrincipalTag/tenantId", "acme").with("dynamodb:LeadingKeys", "acme")))
                .as("another datastore's table").isFalse();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:Query", otherArn + "/index/byStatus")))
                .as("another datastore's index").isFalse();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:PutItem", arn + "x").with(
                "aws:PrincipalTag/tenantId", "acme").with("dynamodb:LeadingKeys", "acme")))
                .as("a table whose name starts the same").isFalse();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:Scan", arn))).as("no Scan with a tenant key")
                .isFalse();
        for (String action : List.of("dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:CreateTable")) {
            assertThat(policy.allows(new IamPolicy.Request(action, arn))).as(action).isFalse();
        }
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:DescribeTable", arn))).isTrue();

        IamPolicy neighbour = IamPolicy.parse(reveal(other).getString("iamPolicy"));
        assertThat(neighbour.allows(new IamPolicy.Request("dynamodb:Scan", otherArn))).as("no tenant key: Scan")
                .isTrue();
        assertThat(neighbour.allows(new IamPolicy.Request("dynamodb:GetItem", arn))).isFalse();
    }

    @Test
    void rotationChangesNothingOnTheServerAndKeepsThePolicy() {
        long id = create("rotated", SPEC);
        String before = reveal(id).getString("iamPolicy");
        admin().post("/api/v1/datastores/" + id + "/credentials/rotate").then().statusCode(200)
                .body("state", equalTo("READY"));
        assertThat(reveal(id).getString("iamPolicy")).isEqualTo(before);
        assertThat(describe(table("rotated")).tableStatusAsString()).isEqualTo("ACTIVE");
        admin().queryParam("action", "datastore.credentials-rotated").queryParam("targetId", id).get("/api/v1/audit").then()
                .statusCode(200).body("total", equalTo(1));
    }

    @Test
    void decommissionKeepsTheTableForTheRetentionPeriodThenDeletesIt() throws Exception {
        long id = create("retired", SIMPLE_SPEC);
        admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200)
                .body("state", equalTo("DECOMMISSIONING"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"DECOMMISSIONED".equals(admin().get("/api/v1/datastores/" + id).jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("table deleted after retention").isLessThan(deadline);
            Thread.sleep(250);
        }
        try (DynamoDbClient client = sdk()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.describeTable(r -> r.tableName(
                    table("retired")))).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void aTimeBoxedGrantRendersAPolicyThatEndsWithTheGrant() throws Exception {
        long grantId = approvedGrant(create("granted", SPEC), "read", "PT5S");
        JsonPath grant = admin().get("/api/v1/access-grants/" + grantId).then().statusCode(200)
                .body("state", equalTo("ACTIVE")).extract().jsonPath();
        Instant expiresAt = Instant.parse(grant.getString("expiresAt"));

        JsonPath revealed = Api.as(HOLDER).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(200)
                .extract().jsonPath();
        assertThat(revealed.getString("password")).as("no password for a rendered policy").isNull();
        String arn = revealed.getString("tableArn");
        IamPolicy policy = IamPolicy.parse(revealed.getString("iamPolicy"));
        assertThat(policy.document().at("/Statement/0/Condition/DateLessThan/aws:CurrentTime").asText())
                .isEqualTo(expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        IamPolicy.Request read = new IamPolicy.Request("dynamodb:Query", arn + "/index/byStatus");
        assertThat(policy.allows(read)).as("read within the window").isTrue();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:Scan", arn))).isTrue();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:PutItem", arn))).as("read-only").isFalse();
        assertThat(policy.allows(read.at(expiresAt.plusSeconds(1)))).as("AWS refuses it after the end").isFalse();
        assertThat(policy.allows(new IamPolicy.Request("dynamodb:Query", reveal(create("elsewhere", SIMPLE_SPEC))
                .getString("tableArn")))).as("another table").isFalse();

        long deadline = System.currentTimeMillis() + 30_000;
        while (!"EXPIRED".equals(admin().get("/api/v1/access-grants/" + grantId).jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("the grant expires in Larder").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Test
    void aMigrationThroughRestAddsAQueryableIndex() throws Exception {
        long id = create("migrated", SIMPLE_SPEC);
        String table = table("migrated");
        try (DynamoDbClient client = sdk()) {
            client.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS("o1"), "customerId",
                    AttributeValue.fromS("c7"))));
        }
        long migrationId = admin().body(Map.of("files", List.of(Map.of("name", "V1__by_customer.json", "content",
                ADD_BY_CUSTOMER)))).post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath migration = Api.awaitMigration(id, migrationId);
        assertThat(migration.getString("state")).as(migration.prettify()).isEqualTo("SUCCEEDED");

        assertThat(describe(table).globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactly("byCustomer");
        try (DynamoDbClient client = sdk()) {
            assertThat(client.query(r -> r.tableName(table).indexName("byCustomer")
                    .keyConditionExpression("customerId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c7")))).count()).isEqualTo(1);
        }
        // Applied files are skipped: the same bundle again plus a TTL change applies only V2.
        long second = admin().body(Map.of("files", List.of(
                Map.of("name", "V1__by_customer.json", "content", ADD_BY_CUSTOMER),
                Map.of("name", "V2__ttl.json", "content", "{\"operations\": [{\"op\": \"setTtl\", \"attribute\":"
                        + " \"purgeAt\"}]}")))).post("/api/v1/datastores/" + id + "/migrations").then()
                .statusCode(202).extract().jsonPath().getLong("id");
        assertThat(Api.awaitMigration(id, second).getString("state")).isEqualTo("SUCCEEDED");
        try (DynamoDbClient client = sdk()) {
            assertThat(client.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName())
                    .isEqualTo("purgeAt");
        }
    }

    @Test
    void aMigrationFromKafkaAddsAnIndexAndAnswersMigrationSucceeded() throws Exception {
        long id = create("fromci", SIMPLE_SPEC);
        String commandId = "ddb-" + Api.randomSuffix(8);
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            MigrationCommands.send(bootstrap, String.valueOf(id), MigrationCommands.command(commandId, id,
                    MigrationCommands.files("V1__by_customer.json", ADD_BY_CUSTOMER)));
            JsonNode succeeded = events.await(EventTap.answer("dev.larder.migration.succeeded.v1", commandId),
                    ANSWER);
            assertThat(succeeded).as("MigrationSucceeded").isNotNull();
            assertThat(succeeded.at("/data/appliedVersions").toString()).isEqualTo("[\"1\"]");
        }
        assertThat(describe(table("fromci")).globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactly("byCustomer");
    }

    @Test
    void theRevealPageShowsAWriteGrantsPolicyAndNoPassword() throws Exception {
        long id = create("paged", SIMPLE_SPEC);
        JsonNode granted;
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            long grantId = approvedGrant(id, "write", "PT1H");
            granted = events.await(e -> "dev.larder.access.granted.v1".equals(e.path("type").asText())
                    && e.at("/data/grantId").asLong() == grantId, ANSWER);
        }
        assertThat(granted).as("AccessGranted").isNotNull();
        String url = granted.at("/data/revealUrl").asText();
        String page = given().post("http://localhost:" + io.restassured.RestAssured.port
                + url.substring(url.indexOf("/access/"))).then().statusCode(200).extract().asString();

        assertThat(page).contains(table("paged")).contains("dynamodb:PutItem").contains("DateLessThan")
                .contains("<pre").doesNotContain("Password");
    }

    @Test
    void aMigrationOnATableThatVanishedFailsNamingTheFile() throws Exception {
        long id = create("vanished", SIMPLE_SPEC);
        try (DynamoDbClient client = sdk()) {
            client.deleteTable(r -> r.tableName(table("vanished")));
        }
        long migrationId = admin().body(Map.of("files", List.of(Map.of("name", "V1__by_customer.json", "content",
                ADD_BY_CUSTOMER)))).post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath migration = Api.awaitMigration(id, migrationId);
        assertThat(migration.getString("state")).isEqualTo("FAILED");
        assertThat(migration.getString("failure.stage")).isEqualTo("apply");
        assertThat(migration.getString("failure.file")).isEqualTo("V1__by_customer.json");
        assertThat(migration.getString("failure.serverError")).contains("does not exist");
    }

    @Test
    void removingAnIndexWaitsForApprovalInStagingThenTheIndexIsGone() throws Exception {
        String cluster = DynaliteTestResource.CLUSTER + "-staging";
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "dynamodb", "host", host, "port", port, "adminUser",
                    "AKIASTAGING", "adminPassword", SeenSecrets.remember("staging-secret-key-not-checked"),
                    "environment", "staging")).post("/api/v1/clusters").then().statusCode(201);
        }
        long id = admin().body(Map.of("service", service, "name", "flagged", "kind", "dynamodb", "environment",
                "staging", "cluster", cluster, "spec", new JsonPath(SPEC).getMap("$"))).post("/api/v1/datastores")
                .then().statusCode(201).body("state", equalTo("READY")).extract().jsonPath().getLong("id");
        String table = "staging." + service + ".flagged";
        String removal = "{\"operations\": [{\"op\": \"removeIndex\", \"name\": \"byStatus\"}]}";
        admin().body(Map.of("files", List.of(Map.of("name", "V1__drop_by_status.json", "content", removal))))
                .post("/api/v1/datastores/" + id + "/migrations/lint").then().statusCode(200)
                .body("findings[0].ruleId", equalTo("dynamodb.destructive.remove-index"))
                .body("findings[0].severity", equalTo("ERROR"));
        admin().body(Map.of("files", List.of(Map.of("name", "V1__rekey.json", "content",
                "{\"operations\": [{\"op\": \"changeKeys\"}]}"))))
                .post("/api/v1/datastores/" + id + "/migrations/lint").then().statusCode(200)
                .body("findings[0].ruleId", equalTo("dynamodb.state.change-keys"))
                .body("findings[0].severity", equalTo("ERROR"));

        long migrationId = admin().body(Map.of("files", List.of(Map.of("name", "V1__drop_by_status.json",
                "content", removal)))).post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath waiting = Api.awaitMigrationState(id, migrationId, "AWAITING_APPROVAL");
        assertThat(describe(table).globalSecondaryIndexes()).as("nothing removed before approval").hasSize(1);
        Api.memberOnce(APPROVER, team);
        Api.as(APPROVER).body(Map.of("reason", "no reader left")).post("/api/v1/approvals/"
                + waiting.getLong("approvalId") + "/approve").then().statusCode(200);

        JsonPath done = Api.awaitMigration(id, migrationId);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(describe(table).globalSecondaryIndexes()).as("the index is gone").isEmpty();
        assertThat(describe(table).keySchema()).extracting(k -> k.attributeName())
                .containsExactly("tenantId", "orderId");
    }

    @Test
    void usageCountsItemsAndBytesInTheApiAndAsGauges() throws Exception {
        long id = create("measured", SIMPLE_SPEC);
        try (DynamoDbClient client = sdk()) {
            for (int i = 0; i < 4; i++) {
                String key = "k" + i;
                client.putItem(r -> r.tableName(table("measured")).item(Map.of("id", AttributeValue.fromS(key),
                        "payload", AttributeValue.fromS("x".repeat(100)))));
            }
        }
        JsonPath usage = admin().get("/api/v1/datastores/" + id + "/usage").then().statusCode(200).extract()
                .jsonPath();
        assertThat(usage.getDouble("measures.find { it.name == 'items' }.value")).isEqualTo(4.0);
        assertThat(usage.getDouble("measures.find { it.name == 'size_bytes' }.value")).isGreaterThan(400.0);

        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            boolean seen = metrics.lines().anyMatch(line -> line.startsWith("larder_datastore_items{")
                    && line.contains("datastore=\"measured\"") && line.contains("service=\"" + service + "\"")
                    && line.contains("kind=\"dynamodb\"") && line.endsWith(" 4.0"));
            if (seen) {
                break;
            }
            assertThat(System.currentTimeMillis()).as("larder_datastore_items gauge").isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
