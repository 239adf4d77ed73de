package dev.larder.backend.access;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.access.service.AccessJobs;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.ControlPlane;
import dev.larder.backend.testing.EventTap;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time-boxed personal access against real MariaDB: the login works in its window, and only then. */
@QuarkusTest
class AccessGrantTest extends LarderTest {

    static final String REASON = "Debugging order sync failures (INC-77)";

    @Inject
    AccessJobs jobs;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String team;
    String hank;
    String amy;
    String olga;

    @BeforeEach
    void people() {
        team = Api.team("acc");
        hank = Api.RUN + ".acc-hank@example.com";
        amy = Api.RUN + ".acc-amy@example.com";
        olga = Api.RUN + ".acc-olga@example.com";
        Api.memberOnce(hank, team);
        Api.memberOnce(amy, team);
        Api.memberOnce(olga, Api.team("acc-other"));
    }

    private long datastore(String name) throws Exception {
        long id = Api.datastore(Api.service(team, "acc"), name);
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement()) {
            sql.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20))");
            sql.execute("INSERT INTO orders VALUES (1, 'new')");
        }
        return id;
    }

    private long request(long datastoreId, String level, String duration) {
        return Api.as(hank).body(Map.of("level", level, "duration", duration, "reason", REASON))
                .post("/api/v1/datastores/" + datastoreId + "/access-requests").then().statusCode(201)
                .body("state", equalTo("PENDING")).extract().jsonPath().getLong("id");
    }

    private static JsonPath grant(long grantId) {
        return admin().get("/api/v1/access-grants/" + grantId).then().statusCode(200).extract().jsonPath();
    }

    private void approve(long grantId) {
        Api.as(amy).body(Map.of("reason", "ok for the incident")).post("/api/v1/approvals/" + grant(grantId)
                .getLong("approvalId") + "/approve").then().statusCode(200);
        assertThat(grant(grantId).getString("state")).isEqualTo("ACTIVE");
    }

    private Credentials reveal(long grantId) {
        JsonPath json = Api.as(hank).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .extract().jsonPath();
        return new Credentials(json.getString("login"), dev.larder.backend.testing.SeenSecrets.remember(
                json.getString("password")), json.getString("database"), json.getString("clusters[0].host"),
                json.getInt("clusters[0].port"));
    }

    private static void awaitState(long grantId, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!state.equals(grant(grantId).getString("state"))) {
            assertThat(System.currentTimeMillis()).as("grant %d becomes %s", grantId, state).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void anApprovedReadGrantIsARealLoginThatSeesOnlyItsSchemaAndCannotWrite() throws Exception {
        long id = datastore("readgrant");
        long other = datastore("neighbour");
        long grantId = request(id, "read", "PT1H");
        Api.as(hank).body(Map.of("reason", "me")).post("/api/v1/approvals/" + grant(grantId).getLong("approvalId")
                + "/approve").then().statusCode(403);
        Api.as(olga).body(Map.of("reason", "me")).post("/api/v1/approvals/" + grant(grantId).getLong("approvalId")
                + "/approve").then().statusCode(403);
        approve(grantId);
        Credentials personal = reveal(grantId);
        assertThat(personal.username()).endsWith("_" + grantId);
        try (Connection login = Api.login(personal); Statement sql = login.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT status FROM orders WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
            }
            assertThatThrownBy(() -> sql.execute("INSERT INTO orders VALUES (2, 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            String otherSchema = admin().get("/api/v1/datastores/" + other).jsonPath().getString("physicalName");
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM `" + otherSchema + "`.orders"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
    }

    @Test
    void theHolderIsWarnedBeforeTheGrantEndsAndTheGrantEventCarriesOnlyALink() throws Exception {
        long grantId;
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            grantId = request(datastore("reminded"), "read", "PT50M");
            approve(grantId);
            long id = grantId;
            var granted = events.await(e -> "dev.larder.access.granted.v1".equals(e.path("type").asText())
                    && e.at("/data/grantId").asLong() == id, java.time.Duration.ofSeconds(30));
            assertThat(granted).isNotNull();
            assertThat(granted.at("/data/revealUrl").asText()).contains("/access/reveal/");
            assertThat(granted.toString()).doesNotContain("password");
            // Reminders go out reminder-before (1 h) ahead: a 50-minute grant is reminded at once.
            var expiring = events.await(e -> "dev.larder.access.expiring.v1".equals(e.path("type").asText())
                    && e.at("/data/grantId").asLong() == id, java.time.Duration.ofSeconds(30));
            assertThat(expiring).as("AccessExpiring").isNotNull();
            assertThat(expiring.at("/data/holder").asText()).isEqualTo(hank);
        }
    }

    @Test
    void aWriteGrantCanChangeRows() throws Exception {
        long grantId = request(datastore("writegrant"), "write", "PT1H");
        approve(grantId);
        try (Connection login = Api.login(reveal(grantId)); Statement sql = login.createStatement()) {
            assertThat(sql.executeUpdate("UPDATE orders SET status = 'fixed' WHERE id = 1")).isEqualTo(1);
            assertThatThrownBy(() -> sql.execute("DROP TABLE orders")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theCredentialIsRevealedOnceAndThenOnlyTheFactRemains() throws Exception {
        long grantId = request(datastore("revealonce"), "read", "PT1H");
        approve(grantId);
        reveal(grantId);
        Api.as(hank).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(410);
        Api.as(amy).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(403);
        JsonPath after = grant(grantId);
        assertThat(after.getBoolean("revealed")).isTrue();
        assertThat(after.getString("revealedBy")).isEqualTo(hank);
        admin().queryParam("action", "access.revealed").queryParam("targetId", after.getLong("datastoreId"))
                .get("/api/v1/audit").then().body("total", equalTo(1));
    }

    @Test
    void aShortGrantStopsWorkingWhenItExpiresEvenForAnOpenConnection() throws Exception {
        long grantId = request(datastore("shortgrant"), "read", "PT4S");
        approve(grantId);
        Credentials personal = reveal(grantId);
        try (Connection open = Api.login(personal)) {
            assertThat(open.isValid(2)).isTrue();
            awaitState(grantId, "EXPIRED");
            assertThatThrownBy(() -> open.createStatement().executeQuery("SELECT 1"))
                    .as("the open session was ended").isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> Api.login(personal)).isInstanceOf(SQLException.class);
    }

    @Test
    void anApproverCanRevokeEarlyAndTheLoginStopsAtOnce() throws Exception {
        long grantId = request(datastore("early"), "write", "PT1H");
        approve(grantId);
        Credentials personal = reveal(grantId);
        Api.login(personal).close();
        Api.as(amy).body(Map.of("reason", "incident closed")).post("/api/v1/access-grants/" + grantId + "/revoke")
                .then().statusCode(200).body("state", equalTo("REVOKED")).body("endedBy", equalTo(amy));
        assertThatThrownBy(() -> Api.login(personal)).isInstanceOf(SQLException.class);
        Api.as(olga).body(Map.of()).post("/api/v1/access-grants/" + grantId + "/revoke").then().statusCode(403);
    }

    @Test
    void durationsOverTheCapAndMissingReasonsAreRefused() throws Exception {
        long id = datastore("caps");
        Api.as(hank).body(Map.of("level", "read", "duration", "P8D", "reason", REASON))
                .post("/api/v1/datastores/" + id + "/access-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("duration"))
                .body("violations[0].rule", equalTo("access.duration-cap"));
        Api.as(hank).body(Map.of("level", "read", "duration", "PT1H"))
                .post("/api/v1/datastores/" + id + "/access-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        Api.as(hank).body(Map.of("level", "root", "duration", "PT1H", "reason", REASON))
                .post("/api/v1/datastores/" + id + "/access-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("level"));
        Api.as(hank).body(Map.of("level", "read", "duration", "four hours", "reason", REASON))
                .post("/api/v1/datastores/" + id + "/access-requests").then().statusCode(400)
                .body("violations[0].rule", equalTo("duration.format"));
        Api.as(olga).body(Map.of("level", "read", "duration", "PT1H", "reason", REASON))
                .post("/api/v1/datastores/" + id + "/access-requests").then().statusCode(403);
        long prod = prodDatastore("prodcap");
        Api.as(hank).body(Map.of("level", "read", "duration", "PT9H", "reason", REASON))
                .post("/api/v1/datastores/" + prod + "/access-requests").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("PT8H"));
        admin().queryParam("datastoreId", id).get("/api/v1/access-grants").then().body("total", equalTo(0));
    }

    @Test
    void breakGlassIsImmediateOnlyInTheAllowedFormAndIsFlaggedForReview() throws Exception {
        long dev = datastore("glassdev");
        Api.as(hank).body(Map.of("level", "write", "duration", "PT30M", "reason", REASON, "breakGlass", true))
                .post("/api/v1/datastores/" + dev + "/access-requests").then().statusCode(400)
                .body("violations[0].rule", equalTo("access.break-glass-environment"));
        long prod = prodDatastore("glass");
        Api.as(hank).body(Map.of("level", "write", "duration", "PT2H", "reason", REASON, "breakGlass", true))
                .post("/api/v1/datastores/" + prod + "/access-requests").then().statusCode(400)
                .body("violations[0].rule", equalTo("access.duration-cap"));
        Api.as(hank).body(Map.of("level", "write", "duration", "PT30M", "breakGlass", true))
                .post("/api/v1/datastores/" + prod + "/access-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        long grantId = Api.as(hank).body(Map.of("level", "write", "duration", "PT30M", "reason", REASON,
                "breakGlass", true)).post("/api/v1/datastores/" + prod + "/access-requests").then().statusCode(201)
                .body("state", equalTo("ACTIVE")).body("breakGlass", equalTo(true))
                .extract().jsonPath().getLong("id");
        try (Connection login = Api.login(reveal(grantId))) {
            assertThat(login.isValid(2)).isTrue();
        }
        admin().queryParam("action", "access.break-glass").queryParam("targetId", prod).get("/api/v1/audit").then()
                .body("total", equalTo(1));
        long review = grant(grantId).getLong("approvalId");
        Api.as(amy).queryParam("waitingForMe", true).get("/api/v1/approvals").then()
                .body("items.id", org.hamcrest.Matchers.hasItem((int) review));
        Api.as(amy).body(Map.of("reason", "justified, INC-77")).post("/api/v1/approvals/" + review + "/approve")
                .then().statusCode(200);
        // A prod review needs two, like any prod decision.
        Api.as(Api.RUN + ".acc-sre@example.com", "platform-admin").body(Map.of("reason", "agreed"))
                .post("/api/v1/approvals/" + review + "/approve").then().statusCode(200);
        admin().get("/api/v1/approvals/" + review).then().body("state", equalTo("APPROVED"));
        assertThat(grant(grantId).getString("state")).as("a closed review leaves the grant").isEqualTo("ACTIVE");

        long objected = Api.as(hank).body(Map.of("level", "read", "duration", "PT30M", "reason", REASON,
                "breakGlass", true)).post("/api/v1/datastores/" + prod + "/access-requests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Api.as(amy).body(Map.of("reason", "not an emergency")).post("/api/v1/approvals/"
                + grant(objected).getLong("approvalId") + "/reject").then().statusCode(200);
        assertThat(grant(objected).getString("state")).as("a rejected review revokes").isEqualTo("REVOKED");
        admin().queryParam("breakGlass", true).queryParam("datastoreId", prod).get("/api/v1/access-grants").then()
                .body("total", equalTo(2));
    }

    @Test
    void theReconcilerRemovesALoginNoGrantAccountsFor() throws Exception {
        long grantId = request(datastore("orphan"), "read", "PT1H");
        approve(grantId);
        Credentials personal = reveal(grantId);
        try (Connection root = MariaDbTestResource.root();
                PreparedStatement delete = root.prepareStatement("DELETE FROM " + ControlPlane.table("access_grants")
                        + " WHERE id = ?")) {
            delete.setLong(1, grantId);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        Api.login(personal).close();
        admin().post("/api/v1/access-grants/reconcile").then().statusCode(200)
                .body("removed.login", org.hamcrest.Matchers.hasItem(personal.username()));
        assertThatThrownBy(() -> Api.login(personal)).isInstanceOf(SQLException.class);
        assertThat(userExists(personal.username())).isFalse();
        admin().queryParam("action", "access.orphan-removed").get("/api/v1/audit").then()
                .body("items.details.login", org.hamcrest.Matchers.hasItem(personal.username()));
    }

    @Test
    void severalReplicasRunningTheExpiryJobRevokeEachGrantExactlyOnce() throws Exception {
        long id = datastore("replicas");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long grantId = request(id, "read", "PT2S");
            approve(grantId);
            ids.add(grantId);
        }
        Thread.sleep(2500);
        int replicas = 3;
        CountDownLatch start = new CountDownLatch(1);
        List<Long> ended = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    ended.addAll(jobs.expireDue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        Set<Long> unique = new HashSet<>(ended);
        assertThat(unique).as("no grant ended twice by the concurrent runs").hasSameSizeAs(ended);
        for (long grantId : ids) {
            awaitState(grantId, "EXPIRED");
            long expiries = admin().queryParam("action", "access.expired").queryParam("targetId", id)
                    .get("/api/v1/audit").jsonPath().getList("items.details.grant", Long.class).stream()
                    .filter(g -> g == grantId).count();
            assertThat(expiries).as("grant %d expired exactly once", grantId).isEqualTo(1);
        }
    }

    private long prodDatastore(String name) {
        String cluster = Api.RUN + "-accprod";
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "prod"))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        return admin().body(Map.of("service", Api.service(team, "accprod"), "name", name, "kind", "mysql",
                "environment", "prod", "cluster", cluster)).post("/api/v1/datastores").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static boolean userExists(String user) throws SQLException {
        try (Connection root = MariaDbTestResource.root();
                PreparedStatement find = root.prepareStatement("SELECT COUNT(*) FROM mysql.user WHERE User = ?")) {
            find.setString(1, user);
            try (ResultSet rows = find.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

}
