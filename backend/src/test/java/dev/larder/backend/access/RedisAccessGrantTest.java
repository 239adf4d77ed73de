package dev.larder.backend.access;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.RedisTenants;
import dev.larder.backend.testing.RedisTenants.Credentials;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Time-boxed personal access to a Redis datastore: a real ACL user on the prefix, read or write, removed at expiry. */
@QuarkusTest
class RedisAccessGrantTest extends LarderTest {

    static final String REASON = "Debugging stale carts in the cache (INC-91)";

    @ConfigProperty(name = "larder.redis.user-prefix")
    String userPrefix;

    @ConfigProperty(name = "larder.access.login-prefix")
    String accessPrefix;

    String team;
    String hank;
    String amy;

    @BeforeEach
    void people() {
        team = Api.team("racc");
        hank = Api.RUN + ".racc-hank@example.com";
        amy = Api.RUN + ".racc-amy@example.com";
        Api.memberOnce(hank, team);
        Api.memberOnce(amy, team);
    }

    /** A Redis datastore and its owner's credentials. */
    private record Store(long id, Credentials owner) {
    }

    /** A Redis datastore holding cart:1 = full, written with its own login. */
    private Store datastore(String name) {
        long id = RedisTenants.datastore(Api.service(team, "racc"), name);
        Credentials owner = RedisTenants.reveal(id);
        try (Jedis own = RedisTenants.login(owner)) {
            own.set(owner.keyPrefix() + "cart:1", "full");
        }
        return new Store(id, owner);
    }

    private long grant(Store store, String level, String duration) {
        long datastoreId = store.id();
        long grantId = Api.as(hank).body(Map.of("level", level, "duration", duration, "reason", REASON))
                .post("/api/v1/datastores/" + datastoreId + "/access-requests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Api.as(amy).body(Map.of("reason", "ok for the incident")).post("/api/v1/approvals/" + state(grantId)
                .getLong("approvalId") + "/approve").then().statusCode(200);
        assertThat(state(grantId).getString("state")).isEqualTo("ACTIVE");
        return grantId;
    }

    private static JsonPath state(long grantId) {
        return admin().get("/api/v1/access-grants/" + grantId).then().statusCode(200).extract().jsonPath();
    }

    private Credentials reveal(long grantId) {
        JsonPath json = Api.as(hank).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(200)
                .extract().jsonPath();
        assertThat(json.getString("redisUrl")).doesNotContain(json.getString("password"));
        return new Credentials(json.getString("login"), SeenSecrets.remember(json.getString("password")),
                json.getString("keyPrefix"), json.getString("clusters[0].host"), json.getInt("clusters[0].port"));
    }

    @Test
    void aReadGrantReadsThePrefixAndNothingElseAndCannotWrite() {
        Store store = datastore("readgrant");
        Credentials owner = store.owner();
        Credentials neighbour = datastore("neighbour").owner();
        long grantId = grant(store, "read", "PT1H");
        Credentials personal = reveal(grantId);
        assertThat(personal.username()).isEqualTo(userPrefix + "." + accessPrefix + "_" + grantId);
        assertThat(personal.keyPrefix()).isEqualTo(owner.keyPrefix());
        try (Jedis login = RedisTenants.login(personal)) {
            assertThat(login.get(owner.keyPrefix() + "cart:1")).isEqualTo("full");
            assertThatThrownBy(() -> login.set(owner.keyPrefix() + "cart:1", "emptied"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> login.del(owner.keyPrefix() + "cart:1"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> login.get(neighbour.keyPrefix() + "cart:1"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> login.scan("0")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> login.publish(owner.keyPrefix() + "events", "x"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
    }

    @Test
    void aWriteGrantChangesKeysOfThePrefixOnly() {
        Store store = datastore("writegrant");
        Credentials owner = store.owner();
        Credentials personal = reveal(grant(store, "write", "PT1H"));
        try (Jedis login = RedisTenants.login(personal)) {
            assertThat(login.set(owner.keyPrefix() + "cart:1", "fixed")).isEqualTo("OK");
            assertThat(login.del(owner.keyPrefix() + "cart:1")).isEqualTo(1);
            assertThatThrownBy(() -> login.set("elsewhere", "x")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(login::flushDB).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
    }

    @Test
    void aShortGrantIsRemovedAtExpiryAndItsOpenConnectionClosed() throws Exception {
        Store store = datastore("shortgrant");
        Credentials owner = store.owner();
        long grantId = grant(store, "read", "PT4S");
        Credentials personal = reveal(grantId);
        try (Jedis open = RedisTenants.login(personal); Jedis server = RedisTenants.server()) {
            assertThat(open.get(owner.keyPrefix() + "cart:1")).isEqualTo("full");
            assertThat(server.aclUsers()).contains(personal.username());
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"EXPIRED".equals(state(grantId).getString("state"))) {
                assertThat(System.currentTimeMillis()).as("grant expires").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(server.aclUsers()).doesNotContain(personal.username());
            assertThatThrownBy(open::ping).as("the open connection was closed").isInstanceOf(
                    JedisConnectionException.class);
        }
        assertThatThrownBy(() -> RedisTenants.login(personal)).isInstanceOf(JedisAccessControlException.class);
    }

    @Test
    void theReconcilerRemovesAPersonalUserNoGrantAccountsFor() {
        Credentials owner = datastore("orphan").owner();
        String orphan = userPrefix + "." + accessPrefix + "_" + (900_000_000L + (System.nanoTime() % 1_000_000));
        try (Jedis server = RedisTenants.server()) {
            server.aclSetUser(orphan, "reset", "on", ">left-behind-by-a-crash", "~" + owner.keyPrefix() + "*",
                    "+@read");
            admin().post("/api/v1/access-grants/reconcile").then().statusCode(200)
                    .body("removed.login", hasItem(orphan));
            assertThat(server.aclUsers()).doesNotContain(orphan).contains(owner.username());
        }
        admin().queryParam("action", "access.orphan-removed").get("/api/v1/audit").then()
                .body("items.details.login", hasItem(orphan));
    }

    @Test
    void anApproverCanRevokeEarly() {
        long grantId = grant(datastore("early"), "write", "PT1H");
        Credentials personal = reveal(grantId);
        RedisTenants.login(personal).close();
        Api.as(amy).body(Map.of("reason", "incident closed")).post("/api/v1/access-grants/" + grantId + "/revoke")
                .then().statusCode(200).body("state", equalTo("REVOKED"));
        assertThatThrownBy(() -> RedisTenants.login(personal)).isInstanceOf(JedisAccessControlException.class);
    }
}
