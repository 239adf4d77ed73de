package dev.larder.backend.datastore;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication groups (hot-hot clusters) against two real servers: the machine's MariaDB as cluster {@code <run>-east}
 * and a second, throwaway MariaDB ({@code SecondMariaDbTestResource}) as {@code <run>-west}, both staging clusters
 * of group {@code <run>-hothot}. A datastore of the group lives on both; a migration runs on east, then west.
 */
@QuarkusTest
class ReplicationGroupTest extends LarderTest {

    static final String EAST = Api.RUN + "-east";
    static final String WEST = Api.RUN + "-west";
    static final String GROUP = Api.RUN + "-hothot";
    static final String V1 = "CREATE TABLE codes (\n  id BIGINT NOT NULL PRIMARY KEY,\n"
            + "  code VARCHAR(20) NOT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";

    @ConfigProperty(name = "larder.it.mysql2.host")
    String westHost;

    @ConfigProperty(name = "larder.it.mysql2.port")
    int westPort;

    @ConfigProperty(name = "larder.it.mysql2.admin-user")
    String westAdminUser;

    @ConfigProperty(name = "larder.it.mysql2.admin-password")
    String westAdminPassword;

    @BeforeEach
    void registerTheGroup() {
        register(EAST, mysqlHost, mysqlPort, mysqlAdminUser, mysqlAdminPassword);
        register(WEST, westHost, westPort, westAdminUser, westAdminPassword);
    }

    private static void register(String name, String host, int port, String adminUser, String adminPassword) {
        SeenSecrets.remember(adminPassword);
        if (admin().get("/api/v1/clusters/" + name).statusCode() == 200) {
            return;
        }
        admin().body(Map.of("name", name, "kind", "mysql", "host", host, "port", port, "adminUser", adminUser,
                "adminPassword", adminPassword, "environment", "staging", "replicationGroup", GROUP))
                .post("/api/v1/clusters").then().statusCode(201).body("replicationGroup", equalTo(GROUP));
    }

    @Test
    void aDatastoreOfTheGroupIsASchemaAndALoginOnEveryMember() throws SQLException {
        String service = Api.service(Api.team("group"), "group");
        long id = admin().body(Map.of("service", service, "name", "orders", "kind", "mysql",
                "environment", "staging", "replicationGroup", GROUP)).post("/api/v1/datastores")
                .then().statusCode(201)
                .body("state", equalTo("READY"))
                .body("replicationGroup", equalTo(GROUP))
                .body("clusters.cluster", contains(EAST, WEST))
                .body("clusters.port", contains(mysqlPort, westPort))
                .extract().jsonPath().getLong("id");

        Map<String, Credentials> members = revealOnEveryMember(id);
        assertThat(members).containsOnlyKeys(EAST, WEST);
        for (Credentials credentials : members.values()) {
            try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
                assertThat(single(sql, "SELECT @@port")).as("a login on the server it names")
                        .isEqualTo(String.valueOf(credentials.port()));
                assertThat(single(sql, "SELECT DATABASE()")).isEqualTo(service + "_orders");
                sql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                sql.execute("INSERT INTO t VALUES (" + credentials.port() + ")");
                assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM mysql.user"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            }
        }
        // Two servers, two schemas: what one member holds is not on the other (Larder does not replicate data).
        try (Connection west = Api.login(members.get(WEST)); Statement sql = west.createStatement()) {
            assertThat(single(sql, "SELECT GROUP_CONCAT(id) FROM t")).isEqualTo(String.valueOf(westPort));
        }

        // Naming a member of the group places the datastore on the whole group, too.
        admin().body(Map.of("service", service, "name", "by_member", "kind", "mysql", "environment", "staging",
                "cluster", WEST)).post("/api/v1/datastores").then().statusCode(201)
                .body("state", equalTo("READY"))
                .body("replicationGroup", equalTo(GROUP))
                .body("clusters.cluster", contains(EAST, WEST));
    }

    @Test
    void aMigrationIsAppliedToEveryMemberInOrder() throws Exception {
        long id = groupDatastore("migrate");
        JsonPath first = Api.awaitMigration(id, submit(id, file("V1__create_codes.sql", V1)));
        assertThat(first.getString("state")).as(first.prettify()).isEqualTo("SUCCEEDED");
        assertThat(first.getList("clusters.cluster", String.class)).containsExactly(EAST, WEST);
        assertThat(first.getList("clusters.versionsApplied", List.class)).containsExactly(List.of("1"), List.of("1"));

        JsonPath second = Api.awaitMigration(id, submit(id, file("V1__create_codes.sql", V1),
                file("V2__add_note.sql", "ALTER TABLE codes ADD COLUMN note VARCHAR(100) NULL;\n")));
        assertThat(second.getString("state")).as(second.prettify()).isEqualTo("SUCCEEDED");
        assertThat(second.getList("applied", String.class)).containsExactly("2");
        assertThat(second.getList("clusters.cluster", String.class)).containsExactly(EAST, WEST);
        assertThat(second.getList("clusters.versionsApplied", List.class)).containsExactly(List.of("2"), List.of("2"));

        Map<String, Credentials> members = revealOnEveryMember(id);
        Map<String, Timestamp> installedV2 = new LinkedHashMap<>();
        for (Map.Entry<String, Credentials> member : members.entrySet()) {
            try (Connection login = Api.login(member.getValue()); Statement sql = login.createStatement()) {
                assertThat(columns(sql, "codes")).as(member.getKey()).containsExactly("id", "code", "note");
                try (ResultSet rows = sql.executeQuery("SELECT installed_on FROM flyway_schema_history"
                        + " WHERE version = '2' AND success = 1")) {
                    assertThat(rows.next()).as(member.getKey() + " recorded V2").isTrue();
                    installedV2.put(member.getKey(), rows.getTimestamp(1));
                }
            }
        }
        assertThat(installedV2.get(EAST)).as("east is migrated before west").isBeforeOrEqualTo(installedV2.get(WEST));
    }

    @Test
    void aMigrationThatFailsOnTheSecondMemberStopsThereAndSaysWhatIsMigrated() throws Exception {
        long id = groupDatastore("partial");
        assertThat(Api.awaitMigration(id, submit(id, file("V1__create_codes.sql", V1))).getString("state"))
                .isEqualTo("SUCCEEDED");
        Map<String, Credentials> members = revealOnEveryMember(id);
        // Data that only west holds: the UNIQUE index passes the (empty) shadow run and east, and fails on west.
        try (Connection west = Api.login(members.get(WEST)); Statement sql = west.createStatement()) {
            sql.execute("INSERT INTO codes (id, code) VALUES (1, 'SAME'), (2, 'SAME')");
        }
        Map<String, Object> v2 = file("V2__unique_code.sql", "CREATE UNIQUE INDEX ux_codes_code ON codes (code);\n");

        JsonPath failed = Api.awaitMigration(id, submit(id, file("V1__create_codes.sql", V1), v2));
        assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("FAILED");
        assertThat(failed.getString("stage")).isEqualTo("apply");
        assertThat(failed.getString("failure.stage")).isEqualTo("apply");
        assertThat(failed.getString("failure.cluster")).isEqualTo(WEST);
        assertThat(failed.getString("failure.file")).isEqualTo("V2__unique_code.sql");
        assertThat(failed.getString("failure.serverError")).containsIgnoringCase("duplicate");
        assertThat(failed.getString("failure.partialState"))
                .contains("Cluster " + EAST + " is migrated (applied 2)")
                .contains("Cluster " + WEST + " stopped in V2__unique_code.sql")
                .contains("/repair");
        assertThat(failed.getList("clusters.cluster", String.class)).containsExactly(EAST);
        assertThat(failed.getList("applied", String.class)).isNullOrEmpty();
        assertThat(hasIndex(members.get(EAST), "ux_codes_code")).as("east has the index").isTrue();
        assertThat(hasIndex(members.get(WEST), "ux_codes_code")).as("west does not").isFalse();
        admin().get("/api/v1/datastores/" + id).then().body("state", equalTo("READY"));

        // The way out partialState describes: fix west's data, repair, send the same bundle again. East keeps its
        // V2 (it must not run twice there), west gets it now.
        try (Connection west = Api.login(members.get(WEST)); Statement sql = west.createStatement()) {
            sql.execute("UPDATE codes SET code = 'OTHER' WHERE id = 2");
        }
        admin().post("/api/v1/datastores/" + id + "/migrations/repair").then().statusCode(200)
                .body("clusters.cluster", contains(EAST, WEST));
        JsonPath again = Api.awaitMigration(id, submit(id, file("V1__create_codes.sql", V1), v2));
        assertThat(again.getString("state")).as(again.prettify()).isEqualTo("SUCCEEDED");
        assertThat(again.getList("clusters.versionsApplied", List.class)).containsExactly(List.of(), List.of("2"));
        assertThat(hasIndex(members.get(WEST), "ux_codes_code")).as("west has the index now").isTrue();
    }

    @Test
    void decommissioningRevokesTheLoginOnEveryMemberAtOnce() throws Exception {
        long id = groupDatastore("retire");
        Map<String, Credentials> members = revealOnEveryMember(id);
        List<Connection> open = new ArrayList<>();
        try {
            for (Credentials credentials : members.values()) {
                open.add(Api.login(credentials));
            }
            admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200)
                    .body("state", equalTo("DECOMMISSIONING"));
            for (Map.Entry<String, Credentials> member : members.entrySet()) {
                assertThatThrownBy(() -> Api.login(member.getValue())).as(member.getKey())
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
                assertThat(loginExists(member.getKey(), member.getValue().username())).as(member.getKey()).isFalse();
            }
            for (Connection session : open) {
                assertThatThrownBy(() -> session.createStatement().executeQuery("SELECT 1"))
                        .as("the open session was ended").isInstanceOf(SQLException.class);
            }
        } finally {
            for (Connection session : open) {
                session.close();
            }
        }
        // After the retention period (seconds in tests) the schema goes from both servers.
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"DECOMMISSIONED".equals(admin().get("/api/v1/datastores/" + id).jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("data dropped").isLessThan(deadline);
            Thread.sleep(250);
        }
        for (Map.Entry<String, Credentials> member : members.entrySet()) {
            assertThat(schemaExists(member.getKey(), member.getValue().database())).as(member.getKey()).isFalse();
        }
    }

    @Test
    void theReplicationLintRulesApplyToGroupDatastoresOnly() throws Exception {
        long grouped = groupDatastore("lint");
        long solo = Api.datastore(Api.service(Api.team("solo"), "solo"), "main");
        List<Map<String, Object>> bundle = List.of(
                file("V1__create_events.sql", "CREATE TABLE events (\n  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + "\n  at DATETIME NOT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"),
                file("V2__first_event.sql", "INSERT INTO events (at) VALUES (NOW());\n"));

        JsonPath groupLint = admin().body(Map.of("files", bundle))
                .post("/api/v1/datastores/" + grouped + "/migrations/lint").then().statusCode(200)
                .extract().jsonPath();
        assertThat(groupLint.getBoolean("blocked")).as("NOW() in DML is an error outside dev").isTrue();
        assertThat(groupLint.getList("findings.ruleId", String.class))
                .contains("replication.auto-increment", "replication.nondeterministic");
        assertThat(groupLint.getString("findings.find { it.ruleId == 'replication.nondeterministic' }.file"))
                .isEqualTo("V2__first_event.sql");

        JsonPath soloLint = admin().body(Map.of("files", bundle))
                .post("/api/v1/datastores/" + solo + "/migrations/lint").then().statusCode(200)
                .extract().jsonPath();
        assertThat(soloLint.getList("findings.ruleId", String.class))
                .as("the same bundle on the single dev cluster").noneMatch(rule -> rule.startsWith("replication."));
        assertThat(soloLint.getBoolean("blocked")).isFalse();

        // Submitted for real, the group's bundle stops at the lint and neither server is touched.
        JsonPath refused = Api.awaitMigration(grouped, admin().body(Map.of("files", bundle))
                .post("/api/v1/datastores/" + grouped + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id"));
        assertThat(refused.getString("state")).isEqualTo("FAILED");
        assertThat(refused.getString("failure.stage")).isEqualTo("lint");
        assertThat(refused.getList("findings.ruleId", String.class)).contains("replication.nondeterministic");
        for (Map.Entry<String, Credentials> member : revealOnEveryMember(grouped).entrySet()) {
            try (Connection login = Api.login(member.getValue()); Statement sql = login.createStatement()) {
                assertThat(single(sql, "SELECT COUNT(*) FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE()")).as(member.getKey()).isEqualTo("0");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static long groupDatastore(String name) {
        String service = Api.service(Api.team(name), name);
        return admin().body(Map.of("service", service, "name", "main", "kind", "mysql", "environment", "staging",
                "replicationGroup", GROUP)).post("/api/v1/datastores").then().statusCode(201)
                .body("state", equalTo("READY")).extract().jsonPath().getLong("id");
    }

    /** The revealed login, once per member of the group: same name and password, each server's own address. */
    private static Map<String, Credentials> revealOnEveryMember(long id) {
        JsonPath json = admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200)
                .extract().jsonPath();
        String password = SeenSecrets.remember(json.getString("password"));
        Map<String, Credentials> members = new LinkedHashMap<>();
        for (int i = 0; i < json.getList("clusters").size(); i++) {
            members.put(json.getString("clusters[" + i + "].cluster"), new Credentials(json.getString("username"),
                    password, json.getString("database"), json.getString("clusters[" + i + "].host"),
                    json.getInt("clusters[" + i + "].port")));
        }
        return members;
    }

    private static Map<String, Object> file(String name, String content) {
        return Map.of("name", name, "content", content);
    }

    @SafeVarargs
    private static long submit(long id, Map<String, Object>... files) {
        return admin().body(Map.of("files", List.of(files))).post("/api/v1/datastores/" + id + "/migrations")
                .then().statusCode(202).body("state", equalTo("PENDING")).extract().jsonPath().getLong("id");
    }


    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static List<String> columns(Statement sql, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE"
                + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    private static boolean hasIndex(Credentials credentials, String index) throws SQLException {
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            return !"0".equals(single(sql, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA ="
                    + " DATABASE() AND INDEX_NAME = '" + index + "'"));
        }
    }

    /** An administrator's connection to the server behind one member of the group. */
    private Connection adminOf(String cluster) throws SQLException {
        return EAST.equals(cluster)
                ? DriverManager.getConnection("jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/", mysqlAdminUser,
                        mysqlAdminPassword)
                : DriverManager.getConnection("jdbc:mysql://" + westHost + ":" + westPort + "/", westAdminUser,
                        westAdminPassword);
    }

    private boolean loginExists(String cluster, String login) throws SQLException {
        try (Connection admin = adminOf(cluster);
                PreparedStatement find = admin.prepareStatement("SELECT COUNT(*) FROM mysql.user WHERE User = ?")) {
            find.setString(1, login);
            try (ResultSet rows = find.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    private boolean schemaExists(String cluster, String schema) throws SQLException {
        try (Connection admin = adminOf(cluster); PreparedStatement find = admin.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            find.setString(1, schema);
            try (ResultSet rows = find.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
