package dev.larder.backend.datastore;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.ControlPlane;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A created datastore is a real schema and a real login that reaches that schema and nothing else. */
@QuarkusTest
class MySqlDatastoreTest extends LarderTest {

    @Test
    void createdDatastoreIsASchemaItsLoginOwns() throws SQLException {
        String service = Api.service(Api.team("own"), "own");
        long id = Api.datastore(service, "orders");
        admin().get("/api/v1/datastores/" + id).then().statusCode(200)
                .body("state", equalTo("READY"))
                .body("physicalName", equalTo(service + "_orders"))
                .body("clusters[0].cluster", equalTo(Api.CLUSTER));

        Credentials credentials = Api.reveal(id);
        assertThat(credentials.password()).hasSizeGreaterThanOrEqualTo(24);
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total DECIMAL(10,2))");
            sql.execute("INSERT INTO orders VALUES (1, 9.99)");
            sql.execute("UPDATE orders SET total = 10.49 WHERE id = 1");
            try (ResultSet rows = sql.executeQuery("SELECT total FROM orders WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("10.49");
            }
        }
    }

    @Test
    void loginCannotReachASchemaWhoseNameDiffersOnlyWhereUnderscoreIsAWildcard() throws SQLException {
        // GRANT treats _ as a wildcard: an unescaped grant on <svc>_orders_db would also open <svc>_ordersxdb.
        String service = Api.service(Api.team("wild"), "wild");
        long ordersDb = Api.datastore(service, "orders_db");
        long ordersXdb = Api.datastore(service, "ordersxdb");
        Credentials a = Api.reveal(ordersDb);
        Credentials b = Api.reveal(ordersXdb);
        try (Connection loginB = Api.login(b); Statement sql = loginB.createStatement()) {
            sql.execute("CREATE TABLE secrets (id INT PRIMARY KEY, v VARCHAR(20))");
            sql.execute("INSERT INTO secrets VALUES (1, 'b-only')");
        }
        try (Connection loginA = Api.login(a); Statement sql = loginA.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM `" + b.database() + "`.secrets"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE `" + b.database() + "`.planted (id INT PRIMARY KEY)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> sql.execute("USE `" + b.database() + "`"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> Api.login(new Credentials(a.username(), a.password(), b.database(), a.host(),
                a.port()))).isInstanceOf(SQLException.class).hasMessageContaining("denied");
    }

    @Test
    void loginCanNeitherCreateUsersNorGrantNorTouchSystemSchemas() throws SQLException {
        String service = Api.service(Api.team("priv"), "priv");
        Credentials credentials = Api.reveal(Api.datastore(service, "main"));
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            assertThatThrownBy(() -> sql.execute("CREATE USER 'intruder'@'%' IDENTIFIED BY 'x1234567'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> sql.execute("GRANT SELECT ON `" + credentials.database() + "`.* TO '"
                    + mysqlAdminUser + "'@'%'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM mysql.user"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> sql.execute("CREATE DATABASE " + Api.unique("rogue")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> sql.execute("SET GLOBAL max_connections = 5"))
                    .isInstanceOf(SQLException.class);
        }
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement();
                ResultSet grants = sql.executeQuery("SHOW GRANTS FOR '" + credentials.username() + "'@'%'")) {
            StringBuilder all = new StringBuilder();
            while (grants.next()) {
                all.append(grants.getString(1)).append('\n');
            }
            assertThat(all.toString()).doesNotContain("GRANT OPTION").contains("ON *.*")
                    .contains("GRANT USAGE ON *.*").contains("MAX_USER_CONNECTIONS");
        }
    }

    @Test
    void rotationRetiresTheOldPassword() throws SQLException {
        String service = Api.service(Api.team("rot"), "rot");
        long id = Api.datastore(service, "main");
        Credentials before = Api.reveal(id);
        admin().post("/api/v1/datastores/" + id + "/credentials/rotate").then().statusCode(200)
                .body("state", equalTo("READY"));
        Credentials after = Api.reveal(id);
        assertThat(after.password()).isNotEqualTo(before.password());
        assertThatThrownBy(() -> Api.login(before)).isInstanceOf(SQLException.class)
                .hasMessageContaining("denied");
        try (Connection login = Api.login(after)) {
            assertThat(login.isValid(2)).isTrue();
        }
    }

    @Test
    void decommissionEndsTheLoginAtOnceAndDropsTheSchemaAfterRetention() throws Exception {
        String service = Api.service(Api.team("dec"), "dec");
        long id = Api.datastore(service, "main");
        Credentials credentials = Api.reveal(id);
        try (Connection open = Api.login(credentials)) {
            open.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
            admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200)
                    .body("state", equalTo("DECOMMISSIONING"));
            assertThatThrownBy(() -> Api.login(credentials)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> open.createStatement().executeQuery("SELECT 1"))
                    .as("an open session ends with the login").isInstanceOf(SQLException.class);
        }
        admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(422);

        // Test retention is 3 s and the job runs every second.
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"DECOMMISSIONED".equals(admin().get("/api/v1/datastores/" + id).jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("schema dropped after retention").isLessThan(deadline);
            Thread.sleep(250);
        }
        assertThat(schemaExists(service + "_main")).isFalse();
        // The name is free again.
        long again = Api.datastore(service, "main");
        assertThat(again).isNotEqualTo(id);
    }

    @Test
    void provisioningCutShortIsFinishedByTheRecoveryJob() throws Exception {
        String service = Api.service(Api.team("rec"), "rec");
        long id = Api.datastore(service, "main");
        Credentials credentials = Api.reveal(id);
        // A crash half-way: the schema exists (with data), the login does not, the row says PROVISIONING.
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement()) {
            sql.execute("CREATE TABLE `" + credentials.database() + "`.kept (id INT PRIMARY KEY)");
            sql.execute("DROP USER '" + credentials.username() + "'@'%'");
            sql.execute("UPDATE " + ControlPlane.table("datastores") + " SET state = 'PROVISIONING',"
                    + " updated_at = NOW(3) - INTERVAL 1 HOUR WHERE id = " + id);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"READY".equals(admin().get("/api/v1/datastores/" + id).jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("recovered").isLessThan(deadline);
            Thread.sleep(250);
        }
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM kept")) {
            assertThat(rows.next()).isTrue();
        }
    }

    @Test
    void listFiltersAndPages() {
        String team = Api.team("list");
        String service = Api.service(team, "list");
        Api.datastore(service, "one");
        Api.datastore(service, "two");
        Api.datastore(service, "three");
        admin().queryParam("team", team).queryParam("size", 2).get("/api/v1/datastores").then().statusCode(200)
                .body("total", equalTo(3)).body("items.size()", equalTo(2))
                .body("items[0].name", equalTo("one"));
        admin().queryParam("service", service).queryParam("page", 1).queryParam("size", 2)
                .get("/api/v1/datastores").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].name", equalTo("three"));
        admin().queryParam("team", team).queryParam("state", "READY").queryParam("kind", "mysql")
                .queryParam("environment", "dev").get("/api/v1/datastores").then().body("total", equalTo(3));
        admin().queryParam("team", team).queryParam("environment", "prod").get("/api/v1/datastores").then()
                .body("total", equalTo(0));
        admin().queryParam("state", "HAPPY").get("/api/v1/datastores").then().statusCode(400)
                .body("violations[0].field", equalTo("state"));
    }

    static boolean schemaExists(String schema) throws SQLException {
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA"
                        + " WHERE SCHEMA_NAME = '" + schema + "'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
