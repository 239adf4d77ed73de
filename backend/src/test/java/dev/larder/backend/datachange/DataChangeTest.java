package dev.larder.backend.datachange;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.ControlPlane;
import dev.larder.backend.testing.KafkaCommands;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.datachange.DataChangeRequested;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reviewed data changes against real MariaDB: checks, approvals, guarded execution, verified rollback. */
@QuarkusTest
class DataChangeTest extends LarderTest {

    static final String REASON = "Fix orders stuck in 'new' after the payment outage (INC-42)";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String team;
    String alice;
    String bob;
    String carol;
    String dave;

    @BeforeEach
    void people() {
        team = Api.team("dc");
        alice = Api.RUN + ".alice@example.com";
        bob = Api.RUN + ".bob@example.com";
        carol = Api.RUN + ".carol@example.com";
        dave = Api.RUN + ".dave@example.com";
        for (String person : List.of(alice, bob, carol)) {
            Api.memberOnce(person, team);
        }
        Api.memberOnce(dave, Api.team("dc-other"));
    }


    /** A dev datastore with table orders (ids 1..5, status 'new') and a table without a primary key. */
    private long datastoreWithOrders(String name) throws Exception {
        long id = Api.datastore(Api.service(team, "dc"), name);
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL,"
                    + " total DECIMAL(10,2) NOT NULL, note TEXT NULL)");
            sql.execute("INSERT INTO orders VALUES (1, 'new', 10.00, NULL), (2, 'new', 20.50, 'gift'),"
                    + " (3, 'new', 5.25, NULL), (4, 'paid', 99.99, 'x'), (5, 'paid', 1.00, NULL)");
            sql.execute("CREATE TABLE audit_log (at DATETIME, message TEXT)");
        }
        return id;
    }

    private long submit(long datastoreId, String person, String... statements) {
        return Api.as(person).body(Map.of("statements", List.of(statements), "reason", REASON))
                .post("/api/v1/datastores/" + datastoreId + "/data-changes").then().statusCode(201)
                .body("state", equalTo("PENDING_APPROVAL")).extract().jsonPath().getLong("id");
    }

    private static JsonPath change(long datastoreId, long changeId) {
        return admin().get("/api/v1/datastores/" + datastoreId + "/data-changes/" + changeId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static long approvalOf(long datastoreId, long changeId) {
        return change(datastoreId, changeId).getLong("approvalId");
    }

    private static io.restassured.response.Response approve(String person, long approvalId, String... groups) {
        return Api.as(person, groups).body(Map.of("reason", "looks right")).post("/api/v1/approvals/" + approvalId
                + "/approve");
    }

    private static JsonPath awaitFinished(long datastoreId, long changeId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            JsonPath change = change(datastoreId, changeId);
            String state = change.getString("state");
            if (!"EXECUTING".equals(state) && !"APPROVED".equals(state)) {
                return change;
            }
            assertThat(System.currentTimeMillis()).as("change finished").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static String checksum(Credentials credentials, String table) throws Exception {
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement();
                ResultSet rows = sql.executeQuery("CHECKSUM TABLE " + table + " EXTENDED")) {
            rows.next();
            return rows.getString(2);
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "UPDATE orders SET status = 'x'|datachange.where-required",
        "DELETE FROM orders|datachange.where-required",
        "UPDATE orders SET status = 'x' WHERE id > 1 LIMIT 1|datachange.no-limit",
        "DELETE FROM orders WHERE id > 1 ORDER BY id|datachange.no-order-by",
        "DROP TABLE orders|datachange.statement-type",
        "SET autocommit = 0|datachange.statement-type",
        "COMMIT|datachange.statement-type",
        "INSERT INTO orders VALUES (9, 'new', 1.00, NULL)|datachange.insert-columns",
        "UPDATE mysql.user SET host = '%' WHERE user = 'root'|datachange.other-schema",
        "DELETE FROM audit_log WHERE at < '2020-01-01'|datachange.no-primary-key",
        "UPDATE ghosts SET x = 1 WHERE id = 1|datachange.unknown-table",
        "UPDATE orders SET id = 10 WHERE id = 1|datachange.key-update"
    })
    void unsafeStatementsAreRefusedAtSubmitAndNothingIsRecorded(String statement, String rule) throws Exception {
        long id = datastoreWithOrders("refuse_" + Integer.toHexString(statement.hashCode()));
        Api.as(alice).body(Map.of("statements", List.of(statement), "reason", REASON))
                .post("/api/v1/datastores/" + id + "/data-changes").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].rule", equalTo(rule))
                .body("violations[0].field", equalTo("statements[0]"));
        admin().get("/api/v1/datastores/" + id + "/data-changes").then().body("total", equalTo(0));
    }

    @Test
    void aCheckShowsFindingsAndEstimatesWithoutRecordingAnything() throws Exception {
        long id = datastoreWithOrders("estimate");
        Api.as(alice).body(Map.of("statements", List.of("UPDATE orders SET status = 'paid' WHERE status = 'new'",
                "DELETE FROM orders WHERE id = 5", "INSERT INTO orders (id, status, total) VALUES (6, 'new', 3.00)")))
                .post("/api/v1/datastores/" + id + "/data-changes/check").then().statusCode(200)
                .body("blocked", equalTo(false))
                .body("estimates[0].estimatedRows", equalTo(3))
                .body("estimates[1].estimatedRows", equalTo(1))
                .body("estimates[2].estimatedRows", equalTo(1))
                .body("estimatedRows", equalTo(5))
                .body("platformAdminRequired", equalTo(false));
        admin().get("/api/v1/datastores/" + id + "/data-changes").then().body("total", equalTo(0));
    }

    @Test
    void nobodyApprovesTheirOwnChangeAndOutsidersCannotApprove() throws Exception {
        long id = datastoreWithOrders("selfapprove");
        long changeId = submit(id, alice, "UPDATE orders SET status = 'paid' WHERE id = 1");
        long approval = approvalOf(id, changeId);
        approve(alice, approval).then().statusCode(403);
        approve(dave, approval).then().statusCode(403);
        assertThat(change(id, changeId).getString("state")).isEqualTo("PENDING_APPROVAL");
        approve(bob, approval).then().statusCode(200);
        assertThat(change(id, changeId).getString("state")).isEqualTo("APPROVED");
    }

    @Test
    void prodNeedsTwoApprovalsAndASecondClickCountsOnce() throws Exception {
        String prodCluster = Api.RUN + "-dcprod";
        if (admin().get("/api/v1/clusters/" + prodCluster).statusCode() == 404) {
            admin().body(Map.of("name", prodCluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "prod"))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        String service = Api.service(team, "dcprod");
        long id = admin().body(Map.of("service", service, "name", "main", "kind", "mysql", "environment", "prod",
                "cluster", prodCluster)).post("/api/v1/datastores").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL)");
            sql.execute("INSERT INTO orders VALUES (1, 'new')");
        }
        long changeId = submit(id, alice, "UPDATE orders SET status = 'paid' WHERE id = 1");
        long approval = approvalOf(id, changeId);
        approve(bob, approval).then().statusCode(200);
        approve(bob, approval).then().statusCode(200);
        assertThat(change(id, changeId).getString("state")).as("one person counts once").isEqualTo("PENDING_APPROVAL");
        approve(carol, approval).then().statusCode(200);
        assertThat(change(id, changeId).getString("state")).isEqualTo("APPROVED");

        long devId = datastoreWithOrders("devone");
        long devChange = submit(devId, alice, "UPDATE orders SET status = 'paid' WHERE id = 1");
        approve(bob, approvalOf(devId, devChange)).then().statusCode(200);
        assertThat(change(devId, devChange).getString("state")).as("dev needs one").isEqualTo("APPROVED");
    }

    @Test
    void anApprovedChangeRunsAndTheRowsAreWhatWasAsked() throws Exception {
        long id = datastoreWithOrders("run");
        long changeId = submit(id, alice, "UPDATE orders SET status = 'paid', note = 'fixed' WHERE status = 'new'",
                "DELETE FROM orders WHERE id = 5",
                "INSERT INTO orders (id, status, total) VALUES (6, 'new', 3.00), (7, 'new', 4.00)");
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(409);
        approve(bob, approvalOf(id, changeId)).then().statusCode(200);
        Api.as(carol).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(403);
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(202);
        JsonPath done = awaitFinished(id, changeId);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("EXECUTED");
        assertThat(done.getList("affectedRows", Long.class)).containsExactly(3L, 1L, 2L);
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement();
                ResultSet rows = sql.executeQuery("SELECT GROUP_CONCAT(CONCAT(id, ':', status, ':', IFNULL(note, '-'))"
                        + " ORDER BY id) FROM orders")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("1:paid:fixed,2:paid:fixed,3:paid:fixed,4:paid:x,6:new:-,7:new:-");
        }
    }

    @Test
    void moreRowsThanEstimatedLeavesTheTableExactlyAsItWas() throws Exception {
        long id = datastoreWithOrders("toomany");
        long changeId = submit(id, alice, "UPDATE orders SET status = 'cancelled' WHERE status = 'new'");
        assertThat(change(id, changeId).getLong("estimatedRows")).isEqualTo(3);
        approve(bob, approvalOf(id, changeId)).then().statusCode(200);
        Credentials credentials = Api.reveal(id);
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            for (int i = 100; i < 120; i++) {
                sql.execute("INSERT INTO orders VALUES (" + i + ", 'new', 1.00, NULL)");
            }
        }
        String before = checksum(credentials, "orders");
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(202);
        JsonPath done = awaitFinished(id, changeId);
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("failure")).contains("23 rows").contains("estimate was 3");
        assertThat(checksum(credentials, "orders")).as("byte for byte as it was").isEqualTo(before);
    }

    @Test
    void rollbackRestoresTheExactBeforeState() throws Exception {
        long id = datastoreWithOrders("rollback");
        Credentials credentials = Api.reveal(id);
        String original = checksum(credentials, "orders");
        long changeId = submit(id, alice, "UPDATE orders SET total = total * 2, note = NULL WHERE id IN (1, 2, 4)",
                "DELETE FROM orders WHERE status = 'paid' AND id = 5",
                "INSERT INTO orders (id, status, total, note) VALUES (8, 'new', 8.88, 'added')");
        approve(bob, approvalOf(id, changeId)).then().statusCode(200);
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(202);
        assertThat(awaitFinished(id, changeId).getString("state")).isEqualTo("EXECUTED");
        assertThat(checksum(credentials, "orders")).isNotEqualTo(original);

        long rollbackId = Api.as(alice).body(Map.of("reason", "the outage fix was wrong"))
                .post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/rollback").then().statusCode(201)
                .body("rollbackOf", equalTo((int) changeId)).body("state", equalTo("PENDING_APPROVAL"))
                .extract().jsonPath().getLong("id");
        approve(carol, approvalOf(id, rollbackId)).then().statusCode(200);
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + rollbackId + "/execute").then()
                .statusCode(202);
        assertThat(awaitFinished(id, rollbackId).getString("state")).isEqualTo("EXECUTED");
        assertThat(change(id, changeId).getString("state")).isEqualTo("ROLLED_BACK");
        assertThat(checksum(credentials, "orders")).as("exactly the state before the change").isEqualTo(original);
    }

    @Test
    void rollbackIsRefusedWhenARowChangedSinceAndSaysWhich() throws Exception {
        long id = datastoreWithOrders("changed");
        long changeId = submit(id, alice, "UPDATE orders SET status = 'paid' WHERE id IN (1, 2)");
        approve(bob, approvalOf(id, changeId)).then().statusCode(200);
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(202);
        assertThat(awaitFinished(id, changeId).getString("state")).isEqualTo("EXECUTED");
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement()) {
            sql.execute("UPDATE orders SET note = 'edited by the app' WHERE id = 2");
        }
        Api.as(alice).body(Map.of("reason", "undo")).post("/api/v1/datastores/" + id + "/data-changes/" + changeId
                + "/rollback").then().statusCode(409).body("detail", containsString("orders(id=2)"))
                .body("detail", org.hamcrest.Matchers.not(containsString("orders(id=1)")));
        assertThat(change(id, changeId).getString("state")).isEqualTo("EXECUTED");
    }

    @Test
    void imagesPastRetentionAreDeletedAndTheChangeCanNoLongerBeRolledBack() throws Exception {
        long id = datastoreWithOrders("retention");
        long changeId = submit(id, alice, "UPDATE orders SET status = 'paid' WHERE id = 1");
        approve(bob, approvalOf(id, changeId)).then().statusCode(200);
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/execute").then()
                .statusCode(202);
        assertThat(awaitFinished(id, changeId).getString("state")).isEqualTo("EXECUTED");
        assertThat(imageRows(changeId)).as("kept while within retention").isPositive();

        // Thirty-one days later (the default retention is 30 days).
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement()) {
            sql.execute("UPDATE " + ControlPlane.table("data_changes") + " SET finished_at = finished_at - INTERVAL 31 DAY"
                    + " WHERE id = " + changeId);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (change(id, changeId).getString("imagesPurgedAt") == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(change(id, changeId).getString("imagesPurgedAt")).as("purged by the retention job").isNotNull();
        assertThat(imageRows(changeId)).isZero();
        Api.as(alice).body(Map.of("reason", "too late")).post("/api/v1/datastores/" + id + "/data-changes/"
                + changeId + "/rollback").then().statusCode(410).body("detail", containsString("retention"));
        admin().queryParam("action", "datachange.images-purged").get("/api/v1/audit").then().statusCode(200)
                .body("items.details.dataChange", org.hamcrest.Matchers.hasItem((int) changeId));
    }

    private static long imageRows(long changeId) throws SQLException {
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + ControlPlane.table("data_change_images")
                        + " WHERE data_change_id = " + changeId)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aScriptedBackfillArrivesOverKafkaAndWaitsForApprovalOnce() throws Exception {
        long id = datastoreWithOrders("kafka");
        String commandId = Api.RUN + "-backfill";
        String command = EventJson.write(CloudEvent.of(EventTypes.DATACHANGE_REQUESTED, "/ci/test",
                String.valueOf(id), new DataChangeRequested(commandId, DatastoreRef.byId(id),
                        List.of("UPDATE orders SET status = 'paid' WHERE id = 3"), REASON, "INC-42", alice)));
        KafkaCommands.send(bootstrap, String.valueOf(id), command);
        KafkaCommands.send(bootstrap, String.valueOf(id), command);
        long deadline = System.currentTimeMillis() + 30_000;
        JsonPath list;
        do {
            Thread.sleep(250);
            list = admin().get("/api/v1/datastores/" + id + "/data-changes").jsonPath();
            assertThat(System.currentTimeMillis()).as("recorded").isLessThan(deadline);
        } while (list.getInt("total") < 1);
        Thread.sleep(1000);
        list = admin().get("/api/v1/datastores/" + id + "/data-changes").jsonPath();
        assertThat(list.getInt("total")).as("the repeated command is recorded once").isEqualTo(1);
        assertThat(list.getString("items[0].channel")).isEqualTo("kafka");
        assertThat(list.getString("items[0].requestedBy")).isEqualTo(alice);
        assertThat(list.getString("items[0].state")).isEqualTo("PENDING_APPROVAL");
        approve(alice, list.getLong("items[0].approvalId")).then().statusCode(403);
    }

    @Test
    void whereThePolicySaysSoAnApprovedChangeRunsByItselfAndADraftWaitsForSubmission() throws Exception {
        String cluster = Api.RUN + "-dcstaging";
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "staging"))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        long id = admin().body(Map.of("service", Api.service(team, "dcauto"), "name", "main", "kind", "mysql",
                "environment", "staging", "cluster", cluster)).post("/api/v1/datastores").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL)");
            sql.execute("INSERT INTO orders VALUES (1, 'new'), (2, 'new')");
        }
        long draft = Api.as(alice).body(Map.of("statements", List.of("UPDATE orders SET status = 'paid' WHERE id = 2"),
                "reason", REASON, "draft", true)).post("/api/v1/datastores/" + id + "/data-changes").then()
                .statusCode(201).body("state", equalTo("DRAFT")).body("approvalId", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getLong("id");
        Api.as(alice).post("/api/v1/datastores/" + id + "/data-changes/" + draft + "/submit").then().statusCode(200)
                .body("state", equalTo("PENDING_APPROVAL"));
        // Staging runs approved changes automatically in the test profile: nobody presses execute.
        approve(bob, approvalOf(id, draft)).then().statusCode(200);
        JsonPath done;
        long deadline = System.currentTimeMillis() + 30_000;
        do {
            Thread.sleep(200);
            done = change(id, draft);
            assertThat(System.currentTimeMillis()).as("ran by itself").isLessThan(deadline);
        } while (!"EXECUTED".equals(done.getString("state")) && !"FAILED".equals(done.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("EXECUTED");
        assertThat(done.getString("executedBy")).isEqualTo("larder-auto-execute");
        assertThat(done.getList("affectedRows", Long.class)).containsExactly(1L);
    }

    @Test
    void anExpiredRequestCannotBeApproved() throws Exception {
        long id = datastoreWithOrders("expired");
        long changeId = submit(id, alice, "UPDATE orders SET status = 'paid' WHERE id = 1");
        long approval = approvalOf(id, changeId);
        try (Connection root = MariaDbTestResource.root();
                PreparedStatement expire = root.prepareStatement("UPDATE " + ControlPlane.table("approval_requests")
                        + " SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = ?")) {
            expire.setLong(1, approval);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        approve(bob, approval).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(409), equalTo(422)))
                .body("detail", containsString("expired"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"EXPIRED".equals(change(id, changeId).getString("state"))) {
            assertThat(System.currentTimeMillis()).as("the expiry job closes it").isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
