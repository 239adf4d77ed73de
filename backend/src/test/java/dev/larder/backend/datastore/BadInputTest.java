package dev.larder.backend.datastore;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input gets a problem naming the field and the rule, and leaves nothing behind. */
@QuarkusTest
class BadInputTest extends LarderTest {

    @ParameterizedTest(name = "name {0} is refused by rule {1}")
    @CsvSource(delimiter = '|', value = {
        "o'; DROP DATABASE mysql; --|name.pattern",
        "orders`db|name.pattern",
        "order items|name.pattern",
        "bestellungen_ü|name.pattern",
        "Orders|name.pattern",
        "_orders|name.pattern",
        "orders__db|name.pattern",
        "1orders|name.pattern",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|name.length",
        "select|name.reserved",
        "table|name.reserved",
        "x|name.length"
    })
    void badDatastoreNamesAreRefusedAndNothingIsCreated(String name, String rule) throws Exception {
        String team = Api.team("bad");
        String service = Api.service(team, "bad");
        admin().body(request(service, name)).post("/api/v1/datastores").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"))
                .body("violations[0].rule", equalTo(rule))
                .body("detail", containsString("name"));
        admin().queryParam("service", service).get("/api/v1/datastores").then().body("total", equalTo(0));
        try (var root = dev.larder.backend.testing.MariaDbTestResource.root();
                var rows = root.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA"
                        + " WHERE SCHEMA_NAME LIKE '" + service + "%'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void badServiceNamesAreRefused() {
        String team = Api.team("badsvc");
        admin().body(Map.of("name", "shop\u00e9", "team", team)).post("/api/v1/services").then().statusCode(400)
                .body("violations[0].field", equalTo("name")).body("violations[0].rule", equalTo("name.pattern"));
        admin().body(Map.of("name", "mysql", "team", team)).post("/api/v1/services").then().statusCode(400)
                .body("violations[0].rule", equalTo("name.reserved"));
        admin().body(Map.of("name", "a".repeat(31), "team", team)).post("/api/v1/services").then()
                .statusCode(400).body("violations[0].rule", equalTo("name.length"));
    }

    @Test
    void unknownReferencesNameTheField() {
        String service = Api.service(Api.team("ref"), "ref");
        Map<String, Object> body = request(service, "main");
        body.put("cluster", "no-such-cluster");
        admin().body(body).post("/api/v1/datastores").then().statusCode(400)
                .body("violations[0].field", equalTo("cluster"))
                .body("violations[0].rule", equalTo("reference.exists"));
        admin().body(request(Api.unique("ghost"), "main")).post("/api/v1/datastores").then().statusCode(400)
                .body("violations[0].field", equalTo("service"));
        Map<String, Object> kind = request(service, "main");
        kind.put("kind", "oracle");
        admin().body(kind).post("/api/v1/datastores").then().statusCode(400)
                .body("violations[0].field", equalTo("kind")).body("detail", containsString("mysql"));
        Map<String, Object> env = request(service, "main");
        env.put("environment", "production");
        admin().body(env).post("/api/v1/datastores").then().statusCode(400)
                .body("violations[0].field", equalTo("environment"));
        admin().queryParam("service", service).get("/api/v1/datastores").then().body("total", equalTo(0));
    }

    @Test
    void malformedJsonIsAProblemNotAStackTrace() {
        admin().body("{\"service\": ").post("/api/v1/datastores").then().statusCode(400)
                .contentType("application/problem+json")
                .body(not(containsString("at dev.larder")));
    }

    @Test
    void duplicateDatastoreIsAConflict() {
        String service = Api.service(Api.team("dup"), "dup");
        Api.datastore(service, "main");
        admin().body(request(service, "main")).post("/api/v1/datastores").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(service + "_main"));
        admin().body(Map.of("name", service, "team", Api.RUN + "-dup")).post("/api/v1/services").then()
                .statusCode(409);
    }

    @Test
    void twoEnvironmentsOnOneServerCannotShareASchema() {
        String service = Api.service(Api.team("shared"), "shared");
        Api.datastore(service, "main");
        String staging = Api.RUN + "-samebox";
        admin().body(Map.of("name", staging, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "staging"))
                .post("/api/v1/clusters").then().statusCode(201);
        Map<String, Object> body = request(service, "main");
        body.put("environment", "staging");
        body.put("cluster", staging);
        admin().body(body).post("/api/v1/datastores").then().statusCode(409)
                .body("detail", containsString("would share its schema and login"));
        admin().queryParam("service", service).get("/api/v1/datastores").then().body("total", equalTo(1));
    }

    @Test
    void unreachableClusterLeavesTheDatastoreFailedWithTheReason() {
        String cluster = Api.RUN + "-down";
        admin().body(Map.of("name", cluster, "kind", "mysql", "host", "127.0.0.1", "port", 1,
                "adminUser", "root", "adminPassword", "", "environment", "staging"))
                .post("/api/v1/clusters").then().statusCode(201);
        String service = Api.service(Api.team("down"), "down");
        Map<String, Object> body = request(service, "main");
        body.put("cluster", cluster);
        body.put("environment", "staging");
        long id = admin().body(body).post("/api/v1/datastores").then().statusCode(201)
                .body("state", equalTo("FAILED"))
                .body("failureReason", containsString("Cannot connect to cluster '" + cluster + "'"))
                .body("failureReason", not(containsString("Exception")))
                .extract().jsonPath().getLong("id");
        admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(422);
        admin().post("/api/v1/datastores/" + id + "/retry").then().statusCode(200).body("state", equalTo("FAILED"));
    }

    @Test
    void clusterAdminPasswordIsNeverReturned() {
        admin().get("/api/v1/clusters/" + Api.CLUSTER).then().statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("adminPassword")))
                .body(not(containsString(mysqlAdminPassword)));
        admin().get("/api/v1/clusters").then().statusCode(200).body(not(containsString(mysqlAdminPassword)));
    }

    private static Map<String, Object> request(String service, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("service", service);
        body.put("name", name);
        body.put("kind", "mysql");
        body.put("environment", "dev");
        body.put("cluster", Api.CLUSTER);
        return body;
    }
}
