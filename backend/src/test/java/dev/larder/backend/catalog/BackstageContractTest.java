package dev.larder.backend.catalog;

import static dev.larder.backend.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.DynaliteTestResource;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.OpenSearchHttp;
import dev.larder.backend.testing.RedisTenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each Backstage template's request, as catalog-templates' validator rendered it with example values, is accepted
 * by the endpoint it calls — sent the way Backstage's proxy sends it (its token, the person in a header).
 */
@QuarkusTest
class BackstageContractTest extends LarderTest {

    static final Path RENDERED = Path.of("..", "catalog-templates", "target", "rendered");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTemplatesRequestIsAcceptedByTheBackend() throws Exception {
        assertThat(RENDERED.resolve("create-mysql-datastore.json")).as("run ./mvnw verify from the root: the"
                + " catalog-templates module renders the requests").exists();
        String team = Api.team("backstage");
        String service = Api.service(team, "shop");
        String jane = Api.RUN + ".jane@example.com";
        String approver = Api.RUN + ".bs-approver@example.com";
        String ref = "user:default/jane";
        if (admin().get("/api/v1/members/" + jane).statusCode() == 404) {
            admin().body(Map.of("email", jane, "teams", List.of(team), "entityRef", ref)).post("/api/v1/members")
                    .then().statusCode(201);
        }
        Api.member(approver, team);

        JsonNode create = rendered("create-mysql-datastore");
        ((ObjectNode) create.path("body")).put("service", service);
        long datastore = send(create, null).then().statusCode(201).body("createdBy", equalTo(jane))
                .extract().jsonPath().getLong("id");

        RedisTenants.ensureCluster();
        JsonNode redis = rendered("create-redis-datastore");
        ((ObjectNode) redis.path("body")).put("service", service);
        send(redis, null).then().statusCode(201).body("kind", equalTo("redis")).body("state", equalTo("READY"))
                .body("physicalName", equalTo(service + ":sessions:")).body("createdBy", equalTo(jane));

        JsonNode table = rendered("create-dynamodb-datastore");
        ((ObjectNode) table.path("body")).put("service", service).put("cluster", DynaliteTestResource.ensureCluster());
        send(table, null).then().statusCode(201).body("state", equalTo("READY"))
                .body("spec.partitionKey.name", equalTo("cartId")).body("spec.sortKey.name", equalTo("itemId"));

        OpenSearchHttp.ensureCluster();
        JsonNode index = rendered("create-opensearch-datastore");
        ((ObjectNode) index.path("body")).put("service", service).put("environment", "dev")
                .put("cluster", OpenSearchHttp.CLUSTER);
        send(index, null).then().statusCode(201).body("kind", equalTo("opensearch")).body("state", equalTo("READY"))
                .body("physicalName", equalTo(service + "-products")).body("createdBy", equalTo(jane));

        long migration = send(rendered("submit-migration-bundle"), datastore).then().statusCode(202)
                .body("requestedBy", equalTo(jane)).extract().jsonPath().getLong("id");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"SUCCEEDED".equals(admin().get("/api/v1/datastores/" + datastore + "/migrations/" + migration)
                .jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("the template's migration ran").isLessThan(deadline);
            Thread.sleep(250);
        }
        send(rendered("request-data-change"), datastore).then().statusCode(201)
                .body("requestedBy", equalTo(jane)).body("state", equalTo("PENDING_APPROVAL"));
        send(rendered("request-datastore-access"), datastore).then().statusCode(201)
                .body("holder", equalTo(jane)).body("state", equalTo("PENDING"));
    }

    private static JsonNode rendered(String template) throws Exception {
        return JSON.readTree(Files.readString(RENDERED.resolve(template + ".json")));
    }

    /** Sends a rendered request to Larder directly: the proxy's prefix dropped, the example datastore id replaced. */
    private static Response send(JsonNode request, Long datastoreId) {
        String path = request.path("path").asText().replaceFirst("^/proxy/larder", "");
        if (datastoreId != null) {
            path = path.replaceFirst("/datastores/1(/|$)", "/datastores/" + datastoreId + "$1");
        }
        var spec = given().auth().oauth2(CatalogTest.BACKSTAGE).contentType("application/json")
                .body(request.path("body").toString());
        request.path("headers").fields().forEachRemaining(header -> {
            if (!header.getKey().equalsIgnoreCase("content-type")) {
                spec.header(header.getKey(), header.getValue().asText());
            }
        });
        return spec.request(request.path("method").asText(), path);
    }
}
