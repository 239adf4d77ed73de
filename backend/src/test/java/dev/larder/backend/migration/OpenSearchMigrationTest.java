package dev.larder.backend.migration;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.OpenSearchHttp;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * OpenSearch migrations through the API against a real node with the security plugin: in place when the live index
 * can take the change, into the next versioned index with a reindex and an atomic alias swap when it cannot.
 */
@QuarkusTest
class OpenSearchMigrationTest extends LarderTest {

    static final String V1 = """
            {"mappings": {"properties": {"sku": {"type": "text"}, "note": {"type": "text"}}},
             "settings": {"refresh_interval": "1s"}}""";
    /** Compatible with V1: a new field, a dynamic setting, an alias of the family. */
    static final String V2_COMPATIBLE = """
            {"mappings": {"properties": {"sku": {"type": "text"}, "note": {"type": "text"},
                                         "price": {"type": "float"}}},
             "settings": {"refresh_interval": "2s"},
             "aliases": {"%s-current": {}}}""";
    /** Incompatible with V1: sku changes type, note is removed. */
    static final String V2_RETYPE = """
            {"mappings": {"properties": {"sku": {"type": "keyword"}}},
             "settings": {"refresh_interval": "1s"}}""";

    private final OpenSearchHttp node = OpenSearchHttp.node();

    private record Login(String user, String password) {
    }

    private long datastore(String name) {
        return OpenSearchHttp.datastore(Api.service(Api.team("osmig"), "osmig"), name);
    }

    private static Login reveal(long id) {
        JsonPath json = admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200)
                .extract().jsonPath();
        return new Login(json.getString("username"), SeenSecrets.remember(json.getString("password")));
    }

    private static String family(long id) {
        return admin().get("/api/v1/datastores/" + id).jsonPath().getString("physicalName");
    }

    private static Map<String, String> file(String name, String content) {
        return Map.of("name", name, "content", content);
    }

    private static JsonPath migrate(long id, List<Map<String, String>> files) throws InterruptedException {
        long migrationId = admin().body(Map.of("files", files)).post("/api/v1/datastores/" + id + "/migrations")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        return Api.awaitMigration(id, migrationId);
    }

    private JsonNode history(String index) {
        return node.asAdmin("GET", "/" + index + "/_mapping", null).expect(200).body()
                .at("/" + index + "/mappings/_meta/larder/history");
    }

    @Test
    void aCompatibleChangeIsAppliedInPlaceAndAppliedFilesAreSkipped() throws Exception {
        long id = datastore("catalog");
        String family = family(id);
        Login login = reveal(id);
        assertThat(migrate(id, List.of(file("V1__products.json", V1))).getString("state")).isEqualTo("SUCCEEDED");
        node.index(login.user(), login.password(), family, "1", Map.of("sku", "kettle blue", "note", "n"))
                .expect(201);

        JsonPath second = migrate(id, List.of(file("V1__products.json", V1),
                file("V2__price.json", V2_COMPATIBLE.formatted(family))));
        assertThat(second.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(second.getList("applied", String.class)).containsExactly("2");

        // Same index, new field, new setting, the declared alias, both files in the recorded history.
        assertThat(node.asAdmin("GET", "/_alias/" + family, null).body().has(family + "-v1")).isTrue();
        assertThat(node.asAdmin("GET", "/" + family + "-v1/_mapping", null).body()
                .at("/" + family + "-v1/mappings/properties/price/type").asText()).isEqualTo("float");
        assertThat(node.asAdmin("GET", "/" + family + "-v1/_settings", null).body()
                .at("/" + family + "-v1/settings/index/refresh_interval").asText()).isEqualTo("2s");
        node.search(login.user(), login.password(), family + "-current").expect(200);
        JsonNode history = history(family + "-v1");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("mode").asText()).isEqualTo("in-place");
        // Each bundle ran on a throwaway family first (shadow run); none is left.
        assertThat(node.asAdmin("GET", "/_cat/indices/larder-shadow-*?format=json", null).expect(200).body())
                .isEmpty();
        node.index(login.user(), login.password(), family, "2", Map.of("sku", "pan", "price", 12.5)).expect(201);
        assertThat(node.search(login.user(), login.password(), family).body().at("/hits/total/value").asInt())
                .isEqualTo(2);
    }

    @Test
    void anIncompatibleChangeReindexesIntoV2AndSwapsTheAliasWhileReadersKeepFindingEverything() throws Exception {
        long id = datastore("stock");
        String family = family(id);
        Login login = reveal(id);
        assertThat(migrate(id, List.of(file("V1__stock.json", V1))).getString("state")).isEqualTo("SUCCEEDED");
        int documents = 4000;
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < documents; i++) {
            bulk.append("{\"index\":{\"_id\":\"").append(i).append("\"}}\n{\"sku\":\"SKU-").append(i)
                    .append("\",\"note\":\"note ").append(i).append("\"}\n");
        }
        OpenSearchHttp.Reply loaded = node.as(login.user(), login.password(), "POST", "/" + family
                + "/_bulk?refresh=true", bulk.toString()).expect(200);
        assertThat(loaded.body().path("errors").asBoolean()).isFalse();

        // A reader searches the alias with the datastore's login for the whole migration.
        AtomicBoolean reading = new AtomicBoolean(true);
        List<String> problems = new CopyOnWriteArrayList<>();
        Set<String> servedBy = ConcurrentHashMap.newKeySet();
        AtomicInteger searches = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                OpenSearchHttp.Reply found = node.search(login.user(), login.password(), family);
                searches.incrementAndGet();
                int hits = found.body().at("/hits/total/value").asInt(-1);
                if (found.status() != 200 || hits != documents) {
                    problems.add(found.status() + " with " + hits + " hits: " + found.body());
                } else {
                    servedBy.add(found.body().at("/hits/hits/0/_index").asText());
                }
            }
        }, "alias-reader");
        reader.start();
        JsonPath migrated;
        try {
            Thread.sleep(300);
            migrated = migrate(id, List.of(file("V1__stock.json", V1), file("V2__retype_sku.json", V2_RETYPE)));
            Thread.sleep(300);
        } finally {
            reading.set(false);
            reader.join(30_000);
        }
        assertThat(migrated.getString("state")).as(migrated.prettify()).isEqualTo("SUCCEEDED");
        assertThat(migrated.getList("findings.ruleId", String.class)).contains(
                "opensearch.destructive.field-type-change", "opensearch.destructive.field-removed",
                "opensearch.reindex.required");
        assertThat(problems).as("searches of the alias that failed or came back short").isEmpty();
        assertThat(servedBy).as("the reader ran across the swap (%d searches)", searches.get())
                .containsExactlyInAnyOrder(family + "-v1", family + "-v2");

        assertThat(node.asAdmin("GET", "/_alias/" + family, null).body().fieldNames()).toIterable()
                .containsExactly(family + "-v2");
        node.asAdmin("GET", "/" + family + "-v1", null).expect(404);
        assertThat(node.asAdmin("GET", "/" + family + "-v2/_mapping", null).body()
                .at("/" + family + "-v2/mappings/properties/sku/type").asText()).isEqualTo("keyword");
        JsonNode sample = node.as(login.user(), login.password(), "GET", "/" + family + "/_doc/7", null)
                .expect(200).body();
        assertThat(sample.at("/_source/sku").asText()).isEqualTo("SKU-7");
        assertThat(sample.at("/_source").has("note")).as("the removed field left the documents").isFalse();
        // keyword now: an exact term query finds it.
        OpenSearchHttp.Reply exact = node.as(login.user(), login.password(), "POST", "/" + family + "/_search",
                Map.of("query", Map.of("term", Map.of("sku", "SKU-7")))).expect(200);
        assertThat(exact.body().at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(history(family + "-v2")).hasSize(2);
        // Writes go to the new index; the write block stayed on the deleted one.
        node.index(login.user(), login.password(), family, "new", Map.of("sku", "SKU-new")).expect(201);
    }

    @Test
    void aReindexThatFailsNamesTheFileAndLeavesTheDatastoreAsItWas() throws Exception {
        long id = datastore("counts");
        String family = family(id);
        Login login = reveal(id);
        String v1 = "{\"mappings\": {\"properties\": {\"qty\": {\"type\": \"keyword\"}}}}";
        assertThat(migrate(id, List.of(file("V1__counts.json", v1))).getString("state")).isEqualTo("SUCCEEDED");
        node.index(login.user(), login.password(), family, "1", Map.of("qty", "many")).expect(201);
        // The shadow run passes (it has no documents); the real reindex cannot turn "many" into a long.
        JsonPath failed = migrate(id, List.of(file("V1__counts.json", v1), file("V2__qty_long.json",
                "{\"mappings\": {\"properties\": {\"qty\": {\"type\": \"long\"}}}}")));
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("failure.stage")).isEqualTo("apply");
        assertThat(failed.getString("failure.file")).isEqualTo("V2__qty_long.json");
        assertThat(failed.getString("failure.serverError")).contains("mapper_parsing_exception");
        // Still v1, writable, nothing half-made left behind, and V2 not recorded.
        assertThat(node.asAdmin("GET", "/_alias/" + family, null).body().fieldNames()).toIterable()
                .containsExactly(family + "-v1");
        node.asAdmin("GET", "/" + family + "-v2", null).expect(404);
        node.index(login.user(), login.password(), family, "2", Map.of("qty", "few")).expect(201);
        assertThat(history(family + "-v1")).hasSize(1);
        assertThat(node.asAdmin("GET", "/" + family + "-v1/_mapping", null).body()
                .at("/" + family + "-v1/mappings/_meta/larder").has("reindexing")).isFalse();
    }

    @Test
    void inStagingARemovedFieldWaitsForApprovalThenRuns() throws Exception {
        String team = Api.team("osstage");
        String reviewer = Api.RUN + ".osstage-reviewer@example.com";
        Api.memberOnce(reviewer, team);
        String cluster = Api.RUN + "-osstaging";
        Api.admin().body(Map.of("name", cluster, "kind", "opensearch", "host", OpenSearchHttp.host(),
                "port", OpenSearchHttp.port(), "adminUser", OpenSearchHttp.adminUser(),
                "adminPassword", OpenSearchHttp.adminPassword(), "environment", "staging"))
                .post("/api/v1/clusters").then().statusCode(201);
        long id = admin().body(Map.of("service", Api.service(team, "osstage"), "name", "main", "kind", "opensearch",
                "environment", "staging", "cluster", cluster)).post("/api/v1/datastores").then().statusCode(201)
                .body("state", equalTo("READY")).extract().jsonPath().getLong("id");
        String family = family(id);
        assertThat(migrate(id, List.of(file("V1__stock.json", V1))).getString("state")).isEqualTo("SUCCEEDED");

        long migrationId = admin().body(Map.of("files", List.of(file("V1__stock.json", V1),
                        file("V2__drop_note.json", "{\"mappings\": {\"properties\": {\"sku\": {\"type\": \"text\"}}},"
                                + " \"settings\": {\"refresh_interval\": \"1s\"}}"))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202).extract().jsonPath()
                .getLong("id");
        JsonPath waiting = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (waiting == null || !"AWAITING_APPROVAL".equals(waiting.getString("state"))) {
            assertThat(System.currentTimeMillis()).as("waits for approval").isLessThan(deadline);
            Thread.sleep(200);
            waiting = admin().get("/api/v1/datastores/" + id + "/migrations/" + migrationId).jsonPath();
        }
        assertThat(waiting.getList("findings.ruleId", String.class)).contains("opensearch.destructive.field-removed");
        assertThat(node.asAdmin("GET", "/_alias/" + family, null).body().has(family + "-v1"))
                .as("nothing ran before approval").isTrue();

        Api.as(reviewer).body(Map.of("reason", "note is unused")).post("/api/v1/approvals/"
                + waiting.getLong("approvalId") + "/approve").then().statusCode(200);
        JsonPath done = Api.awaitMigration(id, migrationId);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(node.asAdmin("GET", "/_alias/" + family, null).body().has(family + "-v2")).isTrue();
    }

    @Test
    void anAliasOutsideTheFamilyIsRefusedByTheLintAndNothingReachesTheNode() throws Exception {
        long id = datastore("reach");
        String family = family(id);
        String outside = """
                {"mappings": {"properties": {"sku": {"type": "keyword"}}},
                 "aliases": {"billing-invoices": {}}}""";
        admin().body(Map.of("files", List.of(file("V1__reach_out.json", outside))))
                .post("/api/v1/datastores/" + id + "/migrations/lint").then().statusCode(200)
                .body("blocked", equalTo(true)).body("findings.ruleId", hasItem("opensearch.tenant.outside-prefix"));
        JsonPath failed = migrate(id, List.of(file("V1__reach_out.json", outside)));
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("failure.stage")).isEqualTo("lint");
        node.asAdmin("GET", "/_alias/billing-invoices", null).expect(404);
        assertThat(node.asAdmin("GET", "/" + family + "-v1/_mapping", null).body()
                .at("/" + family + "-v1/mappings/properties").isMissingNode()).isTrue();
        // A .sql file is not an OpenSearch migration.
        admin().body(Map.of("files", List.of(file("V1__x.sql", "CREATE TABLE t (id INT);"))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(400);
    }

    @Test
    void usageCountsTheFamilysDocumentsInTheApiAndAsGauges() throws Exception {
        String service = Api.service(Api.team("osuse"), "osuse");
        long id = OpenSearchHttp.datastore(service, "events");
        Login login = reveal(id);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add("{\"index\":{}}\n{\"n\":" + i + "}\n");
        }
        node.as(login.user(), login.password(), "POST", "/" + family(id) + "/_bulk?refresh=true",
                String.join("", lines)).expect(200);
        JsonPath usage = admin().get("/api/v1/datastores/" + id + "/usage").then().statusCode(200).extract()
                .jsonPath();
        assertThat(usage.getString("kind")).isEqualTo("opensearch");
        assertThat(usage.getDouble("measures.find { it.name == 'docs' }.value")).isEqualTo(25.0);
        assertThat(usage.getDouble("measures.find { it.name == 'store_bytes' }.value")).isPositive();

        String gauge = "larder_datastore_docs{datastore=\"events\",environment=\"dev\",kind=\"opensearch\",service=\""
                + service + "\"";
        // The gauges are refreshed for every live datastore of the run in turn: give a busy machine time.
        long deadline = System.currentTimeMillis() + 60_000;
        String metrics = "";
        while (!metrics.contains(gauge) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                    .asString();
        }
        assertThat(metrics).contains(gauge);
    }
}
