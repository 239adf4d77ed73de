package dev.larder.backend.datachange;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.RedisTenants;
import dev.larder.backend.testing.RedisTenants.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

/**
 * Reviewed data changes on a Redis datastore: DEL and EXPIRE by pattern within the prefix, estimated by SCAN,
 * approved, run in watched chunks with DUMP before-images, and rolled back with RESTORE.
 */
@QuarkusTest
class RedisDataChangeTest extends LarderTest {

    static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();
    static final String REASON = "Purge carts poisoned by the pricing bug (INC-88)";

    static final String DBA = Api.RUN + ".dba@example.com";

    String team;
    String alice;
    String bob;

    @BeforeEach
    void people() {
        team = Api.team("rdc");
        alice = Api.RUN + ".rdc-alice@example.com";
        bob = Api.RUN + ".rdc-bob@example.com";
        Api.memberOnce(alice, team);
        Api.memberOnce(bob, team);
    }

    private record Store(long id, Credentials owner) {
    }

    /** A Redis datastore with carts of several types (cart:1..4, one with a TTL), a session and a setting. */
    private Store datastoreWithCarts(String name) {
        long id = RedisTenants.datastore(Api.service(team, "rdc"), name);
        Credentials owner = RedisTenants.reveal(id);
        String p = owner.keyPrefix();
        try (Jedis own = RedisTenants.login(owner)) {
            own.set(p + "cart:1", "apples");
            own.hset(p + "cart:2", Map.of("sku", "42", "qty", "3"));
            own.rpush(p + "cart:3", "a", "b", "c");
            own.sadd(p + "cart:4", "x", "y");
            own.expire(p + "cart:4", 3600);
            own.set(p + "session:1", "alive");
            own.set(p + "setting", "on");
        }
        return new Store(id, owner);
    }

    private long submit(long datastoreId, String... statements) {
        return Api.as(alice).body(Map.of("statements", List.of(statements), "reason", REASON))
                .post("/api/v1/datastores/" + datastoreId + "/data-changes").then().statusCode(201)
                .body("state", equalTo("PENDING_APPROVAL")).extract().jsonPath().getLong("id");
    }

    private static JsonPath change(long datastoreId, long changeId) {
        return admin().get("/api/v1/datastores/" + datastoreId + "/data-changes/" + changeId).then().statusCode(200)
                .extract().jsonPath();
    }

    private JsonPath approveAndRun(long datastoreId, long changeId) throws InterruptedException {
        return approveAndRun(datastoreId, changeId, bob);
    }

    private JsonPath approveAndRun(long datastoreId, long changeId, String approver, String... groups)
            throws InterruptedException {
        Api.as(approver, groups).body(Map.of("reason", "looks right")).post("/api/v1/approvals/"
                + change(datastoreId, changeId).getLong("approvalId") + "/approve").then().statusCode(200);
        Api.as(alice).post("/api/v1/datastores/" + datastoreId + "/data-changes/" + changeId + "/execute").then()
                .statusCode(202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            JsonPath change = change(datastoreId, changeId);
            if (!"EXECUTING".equals(change.getString("state")) && !"APPROVED".equals(change.getString("state"))) {
                return change;
            }
            assertThat(System.currentTimeMillis()).as("change finished").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Every key under the prefix with its DUMP (hex) and whether it has a TTL: the state a rollback must restore. */
    private static Map<String, String> snapshot(Jedis server, String prefix) {
        Map<String, String> state = new LinkedHashMap<>();
        server.keys(prefix + "*").stream().sorted().forEach(key -> state.put(key,
                java.util.HexFormat.of().formatHex(server.dump(key)) + (server.pttl(key) > 0 ? " ttl" : "")));
        return state;
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "FLUSHALL|datachange.statement-type",
        "KEYS *|datachange.statement-type",
        "EVAL return 0|datachange.statement-type",
        "DEL|datachange.unparsable",
        "DEL cart:1 cart:2|datachange.unparsable",
        "DEL cart:[0-9]|datachange.redis.pattern",
        "DEL cart\\:1|datachange.redis.pattern",
        "EXPIRE cart:* 0|datachange.redis.seconds",
        "EXPIRE cart:* soon|datachange.redis.seconds"
    })
    void statementsOutsideTheSmallSyntaxAreRefusedAndNothingIsRecorded(String statement, String rule) {
        long id = RedisTenants.datastore(Api.service(team, "rdc"), "refused" + REFUSED.incrementAndGet());
        Api.as(alice).body(Map.of("statements", List.of(statement), "reason", REASON))
                .post("/api/v1/datastores/" + id + "/data-changes").then().statusCode(422)
                .body("violations[0].field", equalTo("statements[0]"))
                .body("violations[0].rule", equalTo(rule));
        admin().get("/api/v1/datastores/" + id + "/data-changes").then().body("total", equalTo(0));
        admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200);
    }

    @Test
    void aCheckCountsTheKeysEachPatternMatchesInsideThePrefixOnly() {
        Store store = datastoreWithCarts("estimate");
        Store neighbour = datastoreWithCarts("neighbour");
        Api.as(alice).body(Map.of("statements", List.of("DEL cart:*", "EXPIRE session:? 60", "DEL *")))
                .post("/api/v1/datastores/" + store.id() + "/data-changes/check").then().statusCode(200)
                .body("blocked", equalTo(false))
                .body("estimates[0].estimatedRows", equalTo(4))
                .body("estimates[0].method", equalTo("scan"))
                .body("estimates[1].estimatedRows", equalTo(1))
                .body("estimates[2].estimatedRows", equalTo(6))
                .body("findings[0].ruleId", equalTo("datachange.redis.every-key"));
        assertThat(neighbour.owner().keyPrefix()).isNotEqualTo(store.owner().keyPrefix());
    }

    @Test
    void aPatternDeleteRunsAfterApprovalAndItsRollbackRestoresEveryKeyWithItsTtl() throws Exception {
        Store store = datastoreWithCarts("carts");
        Store neighbour = datastoreWithCarts("bystander");
        String p = store.owner().keyPrefix();
        try (Jedis server = RedisTenants.server()) {
            Map<String, String> original = snapshot(server, p);
            Map<String, String> neighbours = snapshot(server, neighbour.owner().keyPrefix());
            long changeId = submit(store.id(), "DEL cart:*", "EXPIRE session:* 600");
            JsonPath submitted = change(store.id(), changeId);
            assertThat(submitted.getLong("estimatedRows")).isEqualTo(5);
            assertThat(server.exists(p + "cart:1")).as("nothing runs before approval").isTrue();

            JsonPath done = approveAndRun(store.id(), changeId);
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("EXECUTED");
            assertThat(done.getList("affectedRows", Long.class)).containsExactly(4L, 1L);
            assertThat(server.keys(p + "cart:*")).isEmpty();
            assertThat(server.ttl(p + "session:1")).isBetween(500L, 600L);
            assertThat(server.get(p + "setting")).isEqualTo("on");
            assertThat(snapshot(server, neighbour.owner().keyPrefix())).as("another tenant's carts")
                    .isEqualTo(neighbours);

            long rollbackId = Api.as(alice).body(Map.of("reason", "the purge hit good carts"))
                    .post("/api/v1/datastores/" + store.id() + "/data-changes/" + changeId + "/rollback").then()
                    .statusCode(201).body("state", equalTo("PENDING_APPROVAL")).extract().jsonPath().getLong("id");
            JsonPath rolledBack = approveAndRun(store.id(), rollbackId);
            assertThat(rolledBack.getString("state")).as(rolledBack.prettify()).isEqualTo("EXECUTED");
            assertThat(change(store.id(), changeId).getString("state")).isEqualTo("ROLLED_BACK");
            assertThat(snapshot(server, p)).as("every key as it was, values, types and TTLs").isEqualTo(original);
            assertThat(server.ttl(p + "cart:4")).isBetween(3000L, 3600L);
            assertThat(server.pttl(p + "session:1")).as("the TTL the change set is gone again").isEqualTo(-1);
        }
    }

    @Test
    void rollbackIsRefusedWhenADeletedKeyWasWrittenAgain() throws Exception {
        Store store = datastoreWithCarts("rewritten");
        String p = store.owner().keyPrefix();
        long changeId = submit(store.id(), "DEL cart:*");
        assertThat(approveAndRun(store.id(), changeId).getString("state")).isEqualTo("EXECUTED");
        try (Jedis own = RedisTenants.login(store.owner())) {
            own.set(p + "cart:2", "a new cart");
        }
        Api.as(alice).body(Map.of("reason", "undo")).post("/api/v1/datastores/" + store.id() + "/data-changes/"
                + changeId + "/rollback").then().statusCode(409).body("detail", containsString(p + "cart:2"))
                .body("detail", org.hamcrest.Matchers.not(containsString(p + "cart:1")));
    }

    @Test
    void moreKeysThanEstimatedStopTheChangeBeforeAnyKeyIsTouched() throws Exception {
        Store store = datastoreWithCarts("toomany");
        String p = store.owner().keyPrefix();
        long changeId = submit(store.id(), "DEL cart:*");
        try (Jedis own = RedisTenants.login(store.owner()); Jedis server = RedisTenants.server()) {
            for (int i = 100; i < 120; i++) {
                own.set(p + "cart:" + i, "late");
            }
            Map<String, String> before = snapshot(server, p);
            JsonPath done = approveAndRun(store.id(), changeId);
            assertThat(done.getString("state")).isEqualTo("FAILED");
            assertThat(done.getString("failure")).contains("24 keys").contains("estimate was 4");
            assertThat(snapshot(server, p)).isEqualTo(before);
        }
    }

    @Test
    void aLargeDeleteRunsInChunksAndRollsBackWhole() throws Exception {
        long id = RedisTenants.datastore(Api.service(team, "rdc"), "large");
        Credentials owner = RedisTenants.reveal(id);
        String p = owner.keyPrefix();
        int keys = 2500;
        try (Jedis own = RedisTenants.login(owner); Jedis server = RedisTenants.server()) {
            var pipeline = own.pipelined();
            for (int i = 0; i < keys; i++) {
                pipeline.set(p + "old:" + i, "v" + i);
            }
            pipeline.sync();
            pipeline.close();
            long changeId = Api.as(alice).body(Map.of("statements", List.of("DEL old:*"), "reason", REASON))
                    .post("/api/v1/datastores/" + id + "/data-changes").then().statusCode(201)
                    .body("platformAdminRequired", equalTo(true)).extract().jsonPath().getLong("id");
            JsonPath done = approveAndRun(id, changeId, DBA, "platform-admin");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("EXECUTED");
            assertThat(done.getList("affectedRows", Long.class)).containsExactly((long) keys);
            assertThat(done.getInt("transactions")).as("1000 keys per chunk").isEqualTo(3);
            assertThat(server.keys(p + "old:*")).isEmpty();

            long rollbackId = Api.as(alice).body(Map.of("reason", "we still need them"))
                    .post("/api/v1/datastores/" + id + "/data-changes/" + changeId + "/rollback").then()
                    .statusCode(201).extract().jsonPath().getLong("id");
            done = approveAndRun(id, rollbackId, DBA, "platform-admin");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("EXECUTED");
            assertThat(server.keys(p + "old:*")).hasSize(keys);
            assertThat(server.get(p + "old:1234")).isEqualTo("v1234");
            assertThat(server.mget(p + "old:0", p + "old:2499")).containsExactly("v0", "v2499");
        }
    }
}
