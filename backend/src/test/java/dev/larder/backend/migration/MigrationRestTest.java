package dev.larder.backend.migration;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same migrations for CI systems without Kafka: submit, poll, lint only, repair. */
@QuarkusTest
class MigrationRestTest extends LarderTest {

    private static Map<String, Object> file(String name, String content) {
        return Map.of("name", name, "content", content);
    }


    @Test
    void ownersSubmitABundleAndPollItsOutcome() throws Exception {
        String team = Api.team("rest");
        String owner = Api.RUN + ".migrator@example.com";
        Api.member(owner, team);
        long id = Api.datastore(Api.service(team, "rest"), "main");
        long migrationId = Api.as(owner).body(Map.of("files", List.of(file("V1__create_orders.sql",
                MigrationCommandTest.V1)))).post("/api/v1/datastores/" + id + "/migrations")
                .then().statusCode(202).header("Location", containsString("/migrations/"))
                .body("state", equalTo("PENDING")).body("requestedBy", equalTo(owner))
                .extract().jsonPath().getLong("id");
        JsonPath done = Api.awaitMigration(id, migrationId);
        assertThat(done.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(done.getList("applied", String.class)).containsExactly("1");
        assertThat(MigrationCommandTest.tablesIn(Api.reveal(id).database())).isEqualTo(2);

        String outsider = Api.RUN + ".stranger@example.com";
        Api.member(outsider, Api.team("rest-other"));
        Api.as(outsider).body(Map.of("files", List.of(file("V2__x.sql", MigrationCommandTest.V2))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(403);
    }

    @Test
    void badBundlesAreRefusedNamingTheFile() {
        long id = Api.datastore(Api.service(Api.team("restbad"), "restbad"), "main");
        admin().body(Map.of("files", List.of(file("create_orders.sql", MigrationCommandTest.V1))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(400)
                .body("violations[0].field", equalTo("files[0].name"))
                .body("violations[0].rule", equalTo("flyway.file-name"));
        admin().body(Map.of("files", List.of(Map.of("name", "V1__a.sql", "content", "SELECT 1;",
                "sha256", "0".repeat(64))))).post("/api/v1/datastores/" + id + "/migrations").then().statusCode(400)
                .body("violations[0].rule", equalTo("checksum"));
        admin().body(Map.of("files", List.of())).post("/api/v1/datastores/" + id + "/migrations").then()
                .statusCode(400).body("violations[0].field", equalTo("files"));
        admin().get("/api/v1/datastores/" + id + "/migrations").then().body("total", equalTo(0));
    }

    @Test
    void lintOnlyReportsFindingsAndBlockingRulesStopARealSubmission() throws Exception {
        long id = Api.datastore(Api.service(Api.team("restlint"), "restlint"), "main");
        String crossTenant = "CREATE TABLE copied AS SELECT * FROM mysql.user;\n";
        admin().body(Map.of("files", List.of(file("V1__steal.sql", crossTenant))))
                .post("/api/v1/datastores/" + id + "/migrations/lint").then().statusCode(200)
                .body("blocked", equalTo(true))
                .body("findings.ruleId", hasItem("tenant.qualified-name"));
        admin().body(Map.of("files", List.of(file("V1__create_orders.sql", MigrationCommandTest.V1))))
                .post("/api/v1/datastores/" + id + "/migrations/lint").then().statusCode(200)
                .body("blocked", equalTo(false));

        long migrationId = admin().body(Map.of("files", List.of(file("V1__steal.sql", crossTenant))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath done = Api.awaitMigration(id, migrationId);
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("failure.stage")).isEqualTo("lint");
        assertThat(done.getList("findings.ruleId", String.class)).contains("tenant.qualified-name");
        assertThat(MigrationCommandTest.tablesIn(Api.reveal(id).database())).isZero();
    }

    @Test
    void aFailureOnRealDataIsReportedAsPartialAndRepairLetsTheFixedBundleRun() throws Exception {
        long id = Api.datastore(Api.service(Api.team("repair"), "repair"), "main");
        long first = admin().body(Map.of("files", List.of(file("V1__create_orders.sql", MigrationCommandTest.V1))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        assertThat(Api.awaitMigration(id, first).getString("state")).isEqualTo("SUCCEEDED");
        var credentials = Api.reveal(id);
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            sql.execute("INSERT INTO orders (id, total) VALUES (1, 10.00), (2, 10.00)");
        }
        // Passes on the empty shadow, fails on real data after its first (non-transactional) statement.
        String v2 = "ALTER TABLE orders ADD COLUMN code INT NOT NULL DEFAULT 0;\n"
                + "CREATE UNIQUE INDEX ux_orders_total ON orders (total);\n";
        long second = admin().body(Map.of("files", List.of(file("V1__create_orders.sql", MigrationCommandTest.V1),
                file("V2__code_and_unique_total.sql", v2)))).post("/api/v1/datastores/" + id + "/migrations")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath failed = Api.awaitMigration(id, second);
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("failure.stage")).isEqualTo("apply");
        assertThat(failed.getString("failure.cluster")).isEqualTo(Api.CLUSTER);
        assertThat(failed.getString("failure.statement")).contains("ux_orders_total");
        assertThat(failed.getString("failure.serverError")).containsIgnoringCase("duplicate");
        assertThat(failed.getString("failure.partialState")).contains("V2__code_and_unique_total.sql")
                .contains("may have taken effect").contains("/repair");
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement();
                ResultSet rows = sql.executeQuery("SELECT code FROM orders WHERE id = 1")) {
            assertThat(rows.next()).as("the first statement of V2 did take effect").isTrue();
        }

        admin().post("/api/v1/datastores/" + id + "/migrations/repair").then().statusCode(200)
                .body("clusters[0].cluster", equalTo(Api.CLUSTER));
        long third = admin().body(Map.of("files", List.of(file("V1__create_orders.sql", MigrationCommandTest.V1),
                file("V2__index_total.sql", "CREATE INDEX ix_orders_total ON orders (total);\n"))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath fixed = Api.awaitMigration(id, third);
        assertThat(fixed.getString("state")).as(fixed.prettify()).isEqualTo("SUCCEEDED");
        assertThat(fixed.getList("applied", String.class)).containsExactly("2");
    }
}
