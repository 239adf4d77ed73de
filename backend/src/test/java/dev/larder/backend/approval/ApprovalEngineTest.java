package dev.larder.backend.approval;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.approval.service.ApprovalService;
import dev.larder.backend.approval.service.ApprovalViews.NewApproval;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.EventTap;
import dev.larder.backend.testing.LarderTest;
import dev.larder.events.SchemaValidation;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval engine through the API, as approvers use it: four eyes, who may decide, how many approvals each
 * environment needs, rejects, repeats, expiry, the subject's callbacks, the events and the audit trail. Requests
 * are opened the way a subject's service opens them, by calling ApprovalService inside a transaction.
 */
@QuarkusTest
class ApprovalEngineTest extends LarderTest {

    static final String REQUESTED = "dev.larder.approval.requested.v1";
    static final String DECIDED = "dev.larder.approval.decided.v1";
    static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    static final AtomicLong SUBJECTS = new AtomicLong(1000);
    static final SchemaValidation SCHEMAS = new SchemaValidation();

    static final String REQUESTER = Api.RUN + ".appr-requester@example.com";
    static final String OWNER = Api.RUN + ".appr-owner@example.com";
    static final String OWNER2 = Api.RUN + ".appr-owner2@example.com";
    static final String OUTSIDER = Api.RUN + ".appr-outsider@example.com";
    static final String ADMIN = Api.RUN + ".appr-admin@example.com";
    static final String DBA = Api.RUN + ".appr-dba@example.com";

    static String team;
    static long teamId;
    static long devStore;
    static long prodStore;

    @Inject
    ApprovalService approvals;

    @Inject
    RecordingSubject subject;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record Opened(long id, long subjectId) {
    }

    @BeforeEach
    void fixtures() {
        synchronized (ApprovalEngineTest.class) {
            if (team != null) {
                return;
            }
            String owners = Api.team("appr");
            String others = Api.team("appr-others");
            Api.member(REQUESTER, owners);
            Api.member(OWNER, owners);
            Api.member(OWNER2, owners);
            Api.member(OUTSIDER, others);
            devStore = Api.datastore(Api.service(owners, "appr"), "main");
            String prodCluster = Api.RUN + "-apprprod";
            admin().body(Map.of("name", prodCluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "prod"))
                    .post("/api/v1/clusters").then().statusCode(201);
            prodStore = admin().body(Map.of("service", Api.service(owners, "apprprod"), "name", "main",
                    "kind", "mysql", "environment", "prod", "cluster", prodCluster))
                    .post("/api/v1/datastores").then().statusCode(201).body("state", equalTo("READY"))
                    .extract().jsonPath().getLong("id");
            teamId = admin().get("/api/v1/teams/" + owners).then().statusCode(200).extract().jsonPath().getLong("id");
            team = owners;
        }
    }

    // ---- four eyes and who may decide ----

    @Test
    void theRequesterCannotApproveOrRejectTheirOwnRequest() {
        Opened request = open(devStore, "dev", REQUESTER, false);
        Api.as(REQUESTER).post(approve(request)).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("You requested this"));
        Api.as(REQUESTER).body(Map.of("reason", "changed my mind")).post(reject(request)).then().statusCode(403)
                .body("detail", containsString("cannot reject it yourself"));
        // Not even a platform-admin approves their own request.
        Opened adminsOwn = open(devStore, "dev", ADMIN, false);
        Api.as(ADMIN, "platform-admin").post(approve(adminsOwn)).then().statusCode(403);
        get(request).body("state", equalTo("PENDING")).body("approvals.size()", equalTo(0));
        assertThat(subject.calls(request.subjectId())).isEmpty();
    }

    @Test
    void onlyTheOwningTeamPlatformAdminsAndListedGroupsMayDecide() {
        Opened request = open(devStore, "dev", REQUESTER, false);
        Api.as(OUTSIDER).post(approve(request)).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("members of team '" + team + "'"))
                .body("detail", containsString("platform-admins"))
                .body("detail", containsString("members of group 'dba'"))
                .body("detail", containsString(OUTSIDER));
        Api.as(Api.RUN + ".stranger@example.com", "developers").body(Map.of("reason", "no"))
                .post(reject(request)).then().statusCode(403);
        get(request).body("state", equalTo("PENDING"));
        Api.as(OWNER).post(approve(request)).then().statusCode(200).body("approval.state", equalTo("APPROVED"));
    }

    @Test
    void aMemberOfAListedGroupMayDecide() {
        Opened request = open(devStore, "dev", REQUESTER, false);
        get(request).body("approvers", equalTo(List.of("owning-team", "platform-admin", "group:dba")));
        Api.as(DBA, "dba").body(Map.of("reason", "looks right")).post(approve(request)).then().statusCode(200)
                .body("changed", equalTo(true))
                .body("approval.state", equalTo("APPROVED"))
                .body("approval.approvals[0].approver", equalTo(DBA))
                .body("approval.approvals[0].reason", equalTo("looks right"))
                .body("approval.approvals[0].asAdmin", equalTo(false));
    }

    // ---- how many approvals ----

    @Test
    void devNeedsOneApprovalAndProdTwo() {
        Opened dev = open(devStore, "dev", REQUESTER, false);
        get(dev).body("approvalsRequired", equalTo(1)).body("environment", equalTo("dev"));
        Api.as(OWNER).post(approve(dev)).then().statusCode(200)
                .body("approval.state", equalTo("APPROVED")).body("approval.approvalsSoFar", equalTo(1));

        Opened prod = open(prodStore, "prod", REQUESTER, false);
        get(prod).body("approvalsRequired", equalTo(2)).body("environment", equalTo("prod"))
                .body("team", equalTo(team)).body("datastoreId", equalTo((int) prodStore));
        Api.as(OWNER).post(approve(prod)).then().statusCode(200)
                .body("changed", equalTo(true))
                .body("approval.state", equalTo("PENDING"))
                .body("approval.approvalsSoFar", equalTo(1))
                .body("message", containsString("1 of 2"));
        Api.as(OWNER2).post(approve(prod)).then().statusCode(200)
                .body("approval.state", equalTo("APPROVED"))
                .body("approval.approvalsSoFar", equalTo(2))
                .body("approval.decidedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aRequestThatNeedsAnAdminWaitsForAPlatformAdmin() {
        Opened request = open(devStore, "dev", REQUESTER, true);
        get(request).body("adminRequired", equalTo(true));
        Api.as(OWNER).post(approve(request)).then().statusCode(200)
                .body("approval.state", equalTo("PENDING"))
                .body("message", containsString("platform-admin"));
        Api.as(DBA, "dba").post(approve(request)).then().statusCode(200).body("approval.state", equalTo("PENDING"));
        assertThat(subject.calls(request.subjectId())).isEmpty();
        Api.as(ADMIN, "platform-admin").post(approve(request)).then().statusCode(200)
                .body("approval.state", equalTo("APPROVED"))
                .body("approval.approvals[2].asAdmin", equalTo(true));
        assertThat(subject.calls(request.subjectId())).extracting(RecordingSubject.Call::kind)
                .containsExactly("approved");
    }

    // ---- rejects, repeats, state ----

    @Test
    void aRejectWinsAtOnceAndNeedsAReason() {
        Opened request = open(prodStore, "prod", REQUESTER, false);
        Api.as(OWNER).post(approve(request)).then().statusCode(200).body("approval.state", equalTo("PENDING"));
        Api.as(OWNER2).post(reject(request)).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason"));
        Api.as(OWNER2).body(Map.of("reason", "  ")).post(reject(request)).then().statusCode(400);
        get(request).body("state", equalTo("PENDING"));

        Api.as(OWNER2).body(Map.of("reason", "wrong table")).post(reject(request)).then().statusCode(200)
                .body("changed", equalTo(true))
                .body("approval.state", equalTo("REJECTED"))
                .body("approval.approvals[1].decision", equalTo("reject"))
                .body("approval.approvals[1].reason", equalTo("wrong table"));
        assertThat(subject.calls(request.subjectId())).containsExactly(new RecordingSubject.Call("rejected",
                request.subjectId(), request.id(), OWNER2, "wrong table", true));

        // Settled: nobody else decides it any more.
        Api.as(ADMIN, "platform-admin").post(approve(request)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("REJECTED"));
        assertThat(subject.calls(request.subjectId())).hasSize(1);
    }

    @Test
    void approvingTwiceCountsOnce() {
        Opened request = open(prodStore, "prod", REQUESTER, false);
        Api.as(OWNER).post(approve(request)).then().statusCode(200).body("changed", equalTo(true));
        Api.as(OWNER).body(Map.of("reason", "again")).post(approve(request)).then().statusCode(200)
                .body("changed", equalTo(false))
                .body("message", containsString("already counted"))
                .body("approval.state", equalTo("PENDING"))
                .body("approval.approvalsSoFar", equalTo(1))
                .body("approval.approvals.size()", equalTo(1));
        // A decision stands: the same person cannot turn it into a reject.
        Api.as(OWNER).body(Map.of("reason", "second thoughts")).post(reject(request)).then().statusCode(409)
                .body("detail", containsString("already approved"));
        get(request).body("approvalsSoFar", equalTo(1)).body("state", equalTo("PENDING"));
        // The approval that settled the request, clicked again, is still "already counted", not an error.
        Api.as(OWNER2).post(approve(request)).then().statusCode(200).body("approval.state", equalTo("APPROVED"));
        Api.as(OWNER2).post(approve(request)).then().statusCode(200).body("changed", equalTo(false));
        assertThat(subject.calls(request.subjectId())).hasSize(1);
    }

    @Test
    void aSettledRequestCannotBeDecidedAgain() {
        Opened request = open(devStore, "dev", REQUESTER, false);
        Api.as(OWNER).post(approve(request)).then().statusCode(200).body("approval.state", equalTo("APPROVED"));
        Api.as(OWNER2).body(Map.of("reason", "too late")).post(reject(request)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("is APPROVED"));
        Api.as(OWNER2).post("/api/v1/approvals/999999999/approve").then().statusCode(404)
                .contentType("application/problem+json");
    }

    // ---- expiry ----

    @Test
    void anExpiredRequestCannotBeDecided() {
        Opened request = open(prodStore, "prod", REQUESTER, false, Duration.ofSeconds(2));
        Api.as(OWNER).post(approve(request)).then().statusCode(200).body("approval.state", equalTo("PENDING"));
        JsonPath expired = waitForState(request, "EXPIRED", Duration.ofSeconds(20));
        assertThat(expired.getString("decidedAt")).isNotNull();
        assertThat(expired.getInt("approvalsSoFar")).isEqualTo(1);

        Api.as(OWNER2).post(approve(request)).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("expired at " + expired.getString("expiresAt")));
        Api.as(ADMIN, "platform-admin").body(Map.of("reason", "late")).post(reject(request)).then().statusCode(409);
        get(request).body("state", equalTo("EXPIRED"));
        assertThat(subject.calls(request.subjectId())).containsExactly(new RecordingSubject.Call("expired",
                request.subjectId(), request.id(), null, null, true));
        // Still once, however many rounds the job runs.
        sleep(Duration.ofMillis(2500));
        assertThat(subject.calls(request.subjectId())).hasSize(1);
        assertThat(auditActions(request)).contains("approval.expired");
    }

    @Test
    void decidingAfterTheDeadlineExpiresTheRequestThereAndThen() {
        Opened request = open(prodStore, "prod", REQUESTER, false, Duration.ofSeconds(1));
        Api.as(OWNER).post(approve(request)).then().statusCode(200).body("approval.state", equalTo("PENDING"));
        java.time.Instant expiresAt = java.time.Instant.parse(get(request).extract().jsonPath().getString("expiresAt"));
        sleep(Duration.between(java.time.Instant.now(), expiresAt).plusMillis(20));
        // Usually ahead of the job: the refusal itself records the expiry (it is not rolled back with the 409).
        Api.as(OWNER2).post(approve(request)).then().statusCode(409)
                .body("detail", containsString("expired at " + expiresAt));
        get(request).body("state", equalTo("EXPIRED")).body("approvalsSoFar", equalTo(1));
        sleep(Duration.ofMillis(1500));
        assertThat(subject.calls(request.subjectId())).extracting(RecordingSubject.Call::kind)
                .containsExactly("expired");
    }

    // ---- the subject ----

    @Test
    void theSubjectIsToldExactlyOnceInsideTheDecidingTransaction() {
        Opened request = open(prodStore, "prod", REQUESTER, false);
        Api.as(OWNER).post(approve(request)).then().statusCode(200);
        assertThat(subject.calls(request.subjectId())).as("not final yet").isEmpty();
        Api.as(ADMIN, "platform-admin").post(approve(request)).then().statusCode(200)
                .body("approval.state", equalTo("APPROVED"));
        Api.as(OWNER2).post(approve(request)).then().statusCode(409);
        Api.as(ADMIN, "platform-admin").post(approve(request)).then().statusCode(200).body("changed", equalTo(false));
        assertThat(subject.calls(request.subjectId())).containsExactly(new RecordingSubject.Call("approved",
                request.subjectId(), request.id(), null, null, true));
    }

    @Test
    void aSubjectThatRefusesLeavesTheRequestUndecided() {
        Opened request = open(devStore, "dev", REQUESTER, false);
        subject.refuse(request.subjectId());
        Api.as(OWNER).post(approve(request)).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("can no longer be approved"));
        // The decision, its audit record and its event rolled back with the subject.
        get(request).body("state", equalTo("PENDING")).body("approvals.size()", equalTo(0));
        assertThat(auditActions(request)).containsExactly("approval.opened");
    }

    @Test
    void cancellingWithdrawsAPendingRequest() {
        Opened request = open(devStore, "dev", REQUESTER, false);
        inRequest(() -> QuarkusTransaction.requiringNew().call(() -> {
            approvals.cancel(request.id(), "the change was withdrawn");
            approvals.cancel(request.id(), "twice changes nothing");
            return null;
        }));
        get(request).body("state", equalTo("CANCELLED"));
        Api.as(OWNER).post(approve(request)).then().statusCode(409).body("detail", containsString("CANCELLED"));
        assertThat(auditActions(request)).containsExactly("approval.cancelled", "approval.opened");
        assertThat(subject.calls(request.subjectId())).isEmpty();
    }

    @Test
    void openingRefusesAnUnknownSubjectTypeAndASecondRequestForTheSameSubject() {
        assertThatThrownBy(() -> inRequest(() -> QuarkusTransaction.requiringNew().call(() -> approvals.open(
                new NewApproval("nonsense", 1, devStore, teamId, "dev", REQUESTER, "x", false)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense");
        Opened request = open(devStore, "dev", REQUESTER, false);
        assertThatThrownBy(() -> inRequest(() -> QuarkusTransaction.requiringNew().call(() -> approvals.open(
                new NewApproval(RecordingSubject.TYPE, request.subjectId(), devStore, teamId, "dev", REQUESTER,
                        "again", false)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has approval request");
        assertThat(inRequest(() -> approvals.forSubject(RecordingSubject.TYPE, request.subjectId())))
                .hasValueSatisfying(view -> assertThat(view.id()).isEqualTo(request.id()));
    }

    // ---- events and audit ----

    @Test
    void everyStepIsPublishedOnTheEventsTopic() {
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            Opened request = open(prodStore, "prod", REQUESTER, false);
            Api.as(OWNER).post(approve(request)).then().statusCode(200);
            Api.as(ADMIN, "platform-admin").body(Map.of("reason", "checked the dashboard")).post(approve(request))
                    .then().statusCode(200);

            JsonNode requested = event(events, REQUESTED, e -> e.path("id").asText()
                    .equals("approval/" + request.id() + "/requested"));
            assertThat(requested.path("subject").asText()).isEqualTo(String.valueOf(prodStore));
            assertThat(requested.at("/data/approvalId").asLong()).isEqualTo(request.id());
            assertThat(requested.at("/data/subjectId").asLong()).isEqualTo(request.subjectId());
            assertThat(requested.at("/data/environment").asText()).isEqualTo("prod");
            assertThat(requested.at("/data/requestedBy").asText()).isEqualTo(REQUESTER);
            assertThat(requested.at("/data/approvalsRequired").asInt()).isEqualTo(2);
            assertThat(requested.at("/data/approverGroups").toString())
                    .isEqualTo("[\"group:default/" + team + "\",\"platform-admin\"]");

            String decidedPrefix = "approval/" + request.id() + "/decided/";
            JsonNode one = event(events, DECIDED, e -> e.path("id").asText().startsWith(decidedPrefix)
                    && !e.at("/data/final").asBoolean());
            JsonNode two = event(events, DECIDED, e -> e.path("id").asText().startsWith(decidedPrefix)
                    && e.at("/data/final").asBoolean());
            assertThat(one.path("subject").asText()).isEqualTo(String.valueOf(prodStore));
            assertThat(one.at("/data/decision").asText()).isEqualTo("approved");
            assertThat(one.at("/data/decidedBy").asText()).isEqualTo(OWNER);
            assertThat(one.at("/data/approvalsSoFar").asInt()).isEqualTo(1);
            assertThat(one.at("/data/approvalsRequired").asInt()).isEqualTo(2);
            assertThat(two.at("/data/decidedBy").asText()).isEqualTo(ADMIN);
            assertThat(two.at("/data/reason").asText()).isEqualTo("checked the dashboard");
            assertThat(two.at("/data/approvalsSoFar").asInt()).isEqualTo(2);
            assertThat(one.path("id").asText()).isNotEqualTo(two.path("id").asText());

            Opened rejected = open(devStore, "dev", REQUESTER, false);
            Api.as(OWNER).body(Map.of("reason", "not today")).post(reject(rejected)).then().statusCode(200);
            JsonNode rejection = event(events, DECIDED, e -> e.path("id").asText().startsWith("approval/"
                    + rejected.id() + "/decided/"));
            assertThat(rejection.at("/data/decision").asText()).isEqualTo("rejected");
            assertThat(rejection.at("/data/reason").asText()).isEqualTo("not today");
            assertThat(rejection.at("/data/final").asBoolean()).isTrue();

            Opened expiring = open(devStore, "dev", REQUESTER, false, Duration.ofSeconds(1));
            JsonNode expired = event(events, DECIDED, e -> e.path("id").asText()
                    .equals("approval/" + expiring.id() + "/expired"));
            assertThat(expired.at("/data/decision").asText()).isEqualTo("expired");
            assertThat(expired.at("/data/final").asBoolean()).isTrue();
            assertThat(expired.at("/data/decidedBy").isMissingNode()).isTrue();
        }
    }

    @Test
    void theAuditTrailHasTheRequestAndEveryDecision() {
        Opened request = open(prodStore, "prod", REQUESTER, false);
        Api.as(OWNER).body(Map.of("reason", "fine by me")).post(approve(request)).then().statusCode(200);
        Api.as(OWNER2).body(Map.of("reason", "not in business hours")).post(reject(request)).then().statusCode(200);
        JsonPath trail = admin().get("/api/v1/audit?targetType=approval&targetId=" + request.id()).then()
                .statusCode(200).extract().jsonPath();
        assertThat(trail.getList("items.action")).containsExactly("approval.rejected", "approval.approved",
                "approval.opened");
        assertThat(trail.getList("items.actor")).containsExactly(OWNER2, OWNER, REQUESTER);
        assertThat(trail.getString("items[0].details.reason")).isEqualTo("not in business hours");
        assertThat(trail.getString("items[0].details.state")).isEqualTo("REJECTED");
        assertThat(trail.getString("items[1].details.state")).isEqualTo("PENDING");
        assertThat(trail.getInt("items[1].details.approvalsSoFar")).isEqualTo(1);
        admin().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    // ---- lists ----

    @Test
    void waitingForMeListsWhatIMayDecide() {
        long store = Api.datastore(Api.service(team, "apprwait"), "main");
        Opened mine = open(store, "dev", OWNER, false);
        Opened theirs = open(store, "dev", REQUESTER, false);
        String query = "/api/v1/approvals?waitingForMe=true&datastoreId=" + store;

        assertThat(ids(Api.as(OWNER).get(query))).containsExactly(theirs.id());
        assertThat(ids(Api.as(OWNER2).get(query))).containsExactly(theirs.id(), mine.id());
        assertThat(ids(Api.as(DBA, "dba").get(query))).containsExactly(theirs.id(), mine.id());
        assertThat(ids(Api.as(ADMIN, "platform-admin").get(query))).containsExactly(theirs.id(), mine.id());
        assertThat(ids(Api.as(OUTSIDER).get(query))).isEmpty();

        Api.as(OWNER2).post(approve(theirs)).then().statusCode(200);
        assertThat(ids(Api.as(OWNER2).get(query))).containsExactly(mine.id());
        assertThat(ids(Api.as(OWNER).get(query))).isEmpty();

        // The plain filters.
        assertThat(ids(Api.as(OUTSIDER).get("/api/v1/approvals?datastoreId=" + store)))
                .containsExactly(theirs.id(), mine.id());
        assertThat(ids(Api.as(OUTSIDER).get("/api/v1/approvals?state=approved&datastoreId=" + store)))
                .containsExactly(theirs.id());
        assertThat(ids(Api.as(OUTSIDER).get("/api/v1/approvals?subjectType=test&state=PENDING&datastoreId="
                + store))).containsExactly(mine.id());
        Api.as(OUTSIDER).get("/api/v1/approvals?datastoreId=" + store + "&size=1").then().statusCode(200)
                .body("total", equalTo(2)).body("items.size()", equalTo(1));
        Api.as(OUTSIDER).get("/api/v1/approvals?state=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("state"));
        io.restassured.RestAssured.given().get("/api/v1/approvals").then().statusCode(401);
    }

    // ---- helpers ----

    private Opened open(long datastoreId, String environment, String requestedBy, boolean adminRequired) {
        return open(datastoreId, environment, requestedBy, adminRequired, null);
    }

    private Opened open(long datastoreId, String environment, String requestedBy, boolean adminRequired,
            Duration expiresIn) {
        long subjectId = SUBJECTS.incrementAndGet();
        long id = inRequest(() -> QuarkusTransaction.requiringNew().call(() -> approvals.open(new NewApproval(
                RecordingSubject.TYPE, subjectId, datastoreId, teamId, environment, requestedBy,
                "UPDATE orders SET status = 'paid' WHERE id = " + subjectId + " (1 statement, ~1 row)",
                adminRequired, expiresIn)))).id();
        return new Opened(id, subjectId);
    }

    /** Services hold request-scoped state (the caller, the correlation id), as they do in a real request. */
    private static <T> T inRequest(Callable<T> work) {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            context.terminate();
        }
    }

    private static String approve(Opened request) {
        return "/api/v1/approvals/" + request.id() + "/approve";
    }

    private static String reject(Opened request) {
        return "/api/v1/approvals/" + request.id() + "/reject";
    }

    private static ValidatableResponse get(Opened request) {
        return Api.as(OUTSIDER).get("/api/v1/approvals/" + request.id()).then().statusCode(200);
    }

    private static JsonPath waitForState(Opened request, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath view;
        do {
            view = get(request).extract().jsonPath();
            if (state.equals(view.getString("state"))) {
                return view;
            }
            sleep(Duration.ofMillis(200));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("approval request " + request.id() + " is " + view.getString("state")
                + ", not " + state + ", after " + timeout);
    }

    private static List<String> auditActions(Opened request) {
        return admin().get("/api/v1/audit?targetType=approval&targetId=" + request.id()).then().statusCode(200)
                .extract().jsonPath().getList("items.action", String.class);
    }

    private static List<Long> ids(io.restassured.response.Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    /** Waits for the event of this type that matches, checks it against its schema and returns it. */
    private static JsonNode event(EventTap events, String type, Predicate<JsonNode> match) {
        ConsumerRecord<String, String> record = events.awaitRecord(r -> {
            JsonNode event = EventTap.parse(r.value());
            return type.equals(event.path("type").asText()) && match.test(event);
        }, EVENT_WAIT);
        assertThat(record).as("a " + type + " event").isNotNull();
        assertThat(SCHEMAS.validate(type, record.value())).as("schema of " + record.value()).isEmpty();
        JsonNode event = EventTap.parse(record.value());
        assertThat(record.key()).isEqualTo(event.path("subject").asText());
        return event;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
