package dev.larder.backend.datastore;

import static dev.larder.backend.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A team sees what its MySQL datastore holds, in the API and as Prometheus gauges. */
@QuarkusTest
class UsageTest extends LarderTest {

    @Test
    void usageShowsRowsPerTableAndTheOpenConnectionsOfTheLogin() throws Exception {
        String service = Api.service(Api.team("usage"), "usage");
        long id = Api.datastore(service, "ledger");
        Api.Credentials credentials = Api.reveal(id);
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE entries (id INT PRIMARY KEY, memo VARCHAR(40))");
            for (int i = 0; i < 50; i++) {
                sql.execute("INSERT INTO entries VALUES (" + i + ", 'memo " + i + "')");
            }
            sql.execute("ANALYZE TABLE entries");

            JsonPath usage = admin().get("/api/v1/datastores/" + id + "/usage").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(usage.getString("kind")).isEqualTo("mysql");
            assertThat(usage.getString("service")).isEqualTo(service);
            List<Map<String, Object>> measures = usage.getList("measures");
            assertThat(value(measures, "rows", "table", "entries")).isEqualTo(50.0);
            assertThat(value(measures, "size_bytes", "table", "entries")).isPositive();
            assertThat(value(measures, "connections", "user", credentials.username())).isGreaterThanOrEqualTo(1.0);

            String gauge = "larder_datastore_rows{datastore=\"ledger\",environment=\"dev\",kind=\"mysql\",service=\""
                    + service + "\",table=\"entries\"";
            long deadline = System.currentTimeMillis() + 20_000;
            String metrics = "";
            while (!metrics.contains(gauge) && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            }
            assertThat(metrics).contains(gauge);
        }
    }

    @Test
    void usageOfADecommissionedDatastoreIsRefused() {
        String service = Api.service(Api.team("usage-gone"), "usagegone");
        long id = Api.datastore(service, "old");
        admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200);
        admin().get("/api/v1/datastores/" + id + "/usage").then().statusCode(422);
    }

    private static Double value(List<Map<String, Object>> measures, String name, String label, String labelValue) {
        return measures.stream().filter(m -> name.equals(m.get("name")))
                .filter(m -> labelValue.equals(((Map<?, ?>) m.get("labels")).get(label)))
                .map(m -> ((Number) m.get("value")).doubleValue()).findFirst().orElse(null);
    }
}
