package dev.larder.backend.catalog;

import static dev.larder.backend.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.DynaliteTestResource;
import dev.larder.backend.testing.OpenSearchHttp;
import dev.larder.backend.testing.RedisTenants;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Datastores as Backstage Resource entities, and people acting through Backstage's proxy token. */
@QuarkusTest
class CatalogTest extends LarderTest {

    static final String BACKSTAGE = "larder-test-backstage-token";

    @Test
    void everyLiveDatastoreIsAResourceEntityOwnedByItsTeamAndUsedByItsService() throws Exception {
        String team = Api.team("cat");
        String service = Api.service(team, "cat");
        long live = Api.datastore(service, "orders");
        long gone = Api.datastore(service, "legacy");
        admin().post("/api/v1/datastores/" + gone + "/decommission").then().statusCode(200);

        given().get("/api/v1/catalog/entities").then().statusCode(401);

        String yaml = given().auth().oauth2(Api.ADMIN_TOKEN).accept("*/*").get("/api/v1/catalog/entities")
                .then().statusCode(200).contentType("application/yaml").extract().asString();
        List<JsonNode> entities = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        JsonNode entity = entities.stream().filter(e -> String.valueOf(live).equals(
                e.at("/metadata/annotations/larder.dev~1datastore-id").asText())).findFirst().orElseThrow();
        assertThat(entity.path("apiVersion").asText()).isEqualTo("backstage.io/v1alpha1");
        assertThat(entity.path("kind").asText()).isEqualTo("Resource");
        assertThat(entity.at("/metadata/name").asText()).isEqualTo(service + "-orders-mysql-dev")
                .matches("[a-z0-9]+([-_.][a-z0-9]+)*").hasSizeLessThanOrEqualTo(63);
        assertThat(entity.at("/spec/type").asText()).isEqualTo("mysql");
        assertThat(entity.at("/spec/owner").asText()).isEqualTo("group:default/" + team);
        assertThat(entity.at("/spec/dependencyOf/0").asText()).isEqualTo("component:default/" + service);
        assertThat(entity.at("/metadata/links/0/url").asText()).endsWith("/api/v1/datastores/" + live);
        assertThat(entity.at("/metadata/links/2/url").asText()).contains("targetId=" + live);
        assertThat(entities).noneMatch(e -> String.valueOf(gone).equals(
                e.at("/metadata/annotations/larder.dev~1datastore-id").asText()));

        // What Backstage's catalog would do with it: its own validators (from npm, in catalog-templates).
        Path file = Path.of("target", "catalog-entities.yaml");
        Files.writeString(file, yaml);
        Process node = new ProcessBuilder("node", "validate-entities.mjs", file.toAbsolutePath().toString())
                .directory(Path.of("..", "catalog-templates").toFile()).redirectErrorStream(true).start();
        String verdict = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor()).as(verdict).isZero();
        assertThat(verdict).contains("entities valid as Backstage Resources");

        given().auth().oauth2(Api.ADMIN_TOKEN).accept("application/json").get("/api/v1/catalog/entities").then()
                .statusCode(200).body("items.find { it.metadata.annotations['larder.dev/datastore-id'] == '" + live
                        + "' }.spec.type", equalTo("mysql"));
    }

    @Test
    void everyKindIsAValidResourceEntityNamedWithItsKind() throws Exception {
        String team = Api.team("catkinds");
        String service = Api.service(team, "catkinds");
        RedisTenants.ensureCluster();
        OpenSearchHttp.ensureCluster();
        Map<String, Long> ids = Map.of(
                "mysql", Api.datastore(service, "items"),
                "redis", Api.datastore(service, "items", "redis", RedisTenants.CLUSTER, null).getLong("id"),
                "dynamodb", Api.datastore(service, "items", "dynamodb", DynaliteTestResource.ensureCluster(),
                        Map.of("partitionKey", Map.of("name", "id", "type", "S"))).getLong("id"),
                "opensearch", Api.datastore(service, "items", "opensearch", OpenSearchHttp.CLUSTER, null).getLong("id"));

        String yaml = given().auth().oauth2(Api.ADMIN_TOKEN).accept("*/*").get("/api/v1/catalog/entities")
                .then().statusCode(200).extract().asString();
        List<JsonNode> entities = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        ids.forEach((kind, id) -> {
            JsonNode entity = entities.stream().filter(e -> String.valueOf(id).equals(
                    e.at("/metadata/annotations/larder.dev~1datastore-id").asText())).findFirst().orElseThrow();
            assertThat(entity.at("/spec/type").asText()).isEqualTo(kind);
            assertThat(entity.at("/metadata/name").asText()).as("four kinds of one name do not collide")
                    .isEqualTo(service + "-items-" + kind + "-dev");
            assertThat(entity.at("/spec/owner").asText()).isEqualTo("group:default/" + team);
            assertThat(entity.at("/spec/dependencyOf/0").asText()).isEqualTo("component:default/" + service);
            admin().get("/api/v1/datastores/" + id).then().body("catalogName", equalTo(service + "-items-" + kind
                    + "-dev"));
        });

        Path file = Path.of("target", "catalog-entities-kinds.yaml");
        Files.writeString(file, yaml);
        Process node = new ProcessBuilder("node", "validate-entities.mjs", file.toAbsolutePath().toString())
                .directory(Path.of("..", "catalog-templates").toFile()).redirectErrorStream(true).start();
        String verdict = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor()).as(verdict).isZero();
    }

    @Test
    void backstageActsForThePersonItNamesAndTheAuditRecordsThatPerson() {
        String team = Api.team("bs");
        String service = Api.service(team, "bs");
        String jane = Api.RUN + ".bs-jane@example.com";
        String ref = "user:default/" + Api.RUN + "-jane";
        admin().body(Map.of("email", jane, "teams", List.of(team), "entityRef", ref)).post("/api/v1/members").then()
                .statusCode(201);
        Map<String, Object> body = Map.of("service", service, "name", "main", "kind", "mysql",
                "environment", "dev", "cluster", Api.CLUSTER);

        // The proxy's token alone is no one in particular: it may not act for a team.
        given().auth().oauth2(BACKSTAGE).contentType("application/json").body(body).post("/api/v1/datastores")
                .then().statusCode(403);
        // Someone Larder does not know, named by the proxy, gets no team either.
        given().auth().oauth2(BACKSTAGE).header("X-Larder-On-Behalf-Of", "user:default/nobody")
                .contentType("application/json").body(body).post("/api/v1/datastores").then().statusCode(403);
        long id = given().auth().oauth2(BACKSTAGE).header("X-Larder-On-Behalf-Of", ref)
                .contentType("application/json").body(body).post("/api/v1/datastores").then().statusCode(201)
                .body("createdBy", equalTo(jane)).extract().jsonPath().getLong("id");
        admin().queryParam("targetId", id).queryParam("action", "datastore.requested").get("/api/v1/audit").then()
                .body("items[0].actor", equalTo(jane)).body("items[0].channel", equalTo("test-backstage"));

        // A token that is not trusted to name people is itself, whatever the header says.
        given().auth().oauth2(Api.ADMIN_TOKEN).header("X-Larder-On-Behalf-Of", ref).contentType("application/json")
                .body(Map.of("service", service, "name", "other", "kind", "mysql", "environment", "dev",
                        "cluster", Api.CLUSTER)).post("/api/v1/datastores").then().statusCode(201)
                .body("createdBy", equalTo("service:test-admin"));
        // A person acting through Backstage never gets the token's own rights.
        given().auth().oauth2(BACKSTAGE).header("X-Larder-On-Behalf-Of", ref).get("/api/v1/audit").then()
                .statusCode(403);
    }
}
