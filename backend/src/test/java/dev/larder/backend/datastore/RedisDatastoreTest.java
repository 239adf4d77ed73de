package dev.larder.backend.datastore;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.RedisTenants;
import dev.larder.backend.testing.RedisTenants.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;

/**
 * A Redis datastore is a key prefix and an ACL user that reaches keys under that prefix and nothing else, on the
 * machine's real Redis 7.
 */
@QuarkusTest
class RedisDatastoreTest extends LarderTest {

    @Test
    void issuedLoginReadsAndWritesUnderItsPrefix() {
        String service = Api.service(Api.team("rds"), "rds");
        long id = RedisTenants.datastore(service, "cache");
        admin().get("/api/v1/datastores/" + id).then().statusCode(200)
                .body("state", equalTo("READY"))
                .body("kind", equalTo("redis"))
                .body("physicalName", equalTo(service + ":cache:"))
                .body("clusters[0].cluster", equalTo(RedisTenants.CLUSTER));

        JsonPath revealed = admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200)
                .extract().jsonPath();
        Credentials credentials = RedisTenants.reveal(id);
        assertThat(credentials.keyPrefix()).isEqualTo(service + ":cache:");
        assertThat(credentials.password()).hasSizeGreaterThanOrEqualTo(24);
        assertThat(revealed.getString("redisUrl")).isEqualTo("redis://" + credentials.username() + "@"
                + credentials.host() + ":" + credentials.port()).doesNotContain(credentials.password());
        assertThat(revealed.getString("redisCli")).isEqualTo("redis-cli -h " + credentials.host() + " -p "
                + credentials.port() + " --user " + credentials.username() + " --pass '" + credentials.password()
                + "' --no-auth-warning");
        try (Jedis own = RedisTenants.login(credentials)) {
            String key = credentials.keyPrefix() + "greeting";
            assertThat(own.set(key, "hello")).isEqualTo("OK");
            assertThat(own.get(key)).isEqualTo("hello");
            assertThat(own.hset(credentials.keyPrefix() + "cart:7", "sku", "42")).isEqualTo(1);
            assertThat(own.expire(key, 60)).isEqualTo(1);
            assertThat(own.del(key)).isEqualTo(1);
            assertThat(own.publish(credentials.keyPrefix() + "events", "ping")).isZero();
        }
        JsonPath catalog = given().auth().oauth2(Api.ADMIN_TOKEN).accept("application/json")
                .get("/api/v1/catalog/entities").then().statusCode(200).extract().jsonPath();
        assertThat(catalog.getString("items.find { it.metadata.annotations['larder.dev/datastore-id'] == '" + id
                + "' }.metadata.name")).as("a valid Backstage name, without the prefix's colons")
                .isEqualTo(service + "-cache-redis-dev").matches("[a-z0-9]+([-_.][a-z0-9]+)*");
    }

    @Test
    void tenantsCannotSeeOrTouchEachOthersKeys() {
        String service = Api.service(Api.team("rdi"), "rdi");
        Credentials a = RedisTenants.reveal(RedisTenants.datastore(service, "alpha"));
        Credentials b = RedisTenants.reveal(RedisTenants.datastore(service, "beta"));
        try (Jedis tenantB = RedisTenants.login(b)) {
            tenantB.set(b.keyPrefix() + "secret", "b-only");
        }
        try (Jedis tenantA = RedisTenants.login(a)) {
            assertNoPerm(() -> tenantA.get(b.keyPrefix() + "secret"));
            assertNoPerm(() -> tenantA.set(b.keyPrefix() + "secret", "overwritten"));
            assertNoPerm(() -> tenantA.del(b.keyPrefix() + "secret"));
            assertNoPerm(() -> tenantA.get("unprefixed"));
            // A prefix that only starts like A's is someone else's too.
            assertNoPerm(() -> tenantA.get(a.keyPrefix().substring(0, a.keyPrefix().length() - 1) + "x"));
            assertNoPerm(() -> tenantA.publish(b.keyPrefix() + "events", "spoofed"));
        }
        // Commands that see or wipe the whole keyspace, or change the server, are refused as a command.
        for (String[] command : new String[][] {{"SCAN", "0"}, {"KEYS", "*"}, {"RANDOMKEY"}, {"DBSIZE"},
                {"FLUSHALL"}, {"FLUSHDB"}, {"CONFIG", "GET", "*"}, {"ACL", "LIST"}, {"ACL", "SETUSER", "x"},
                {"SELECT", "1"}, {"INFO", "keyspace"}, {"CLIENT", "LIST"},
                {"EVAL", "return 1", "0"}, {"FUNCTION", "FLUSH"}, {"PUBSUB", "CHANNELS"}, {"SWAPDB", "0", "1"},
                {"COPY", a.keyPrefix() + "x", a.keyPrefix() + "y", "DB", "1"}, {"MIGRATE", "127.0.0.1", "1",
                        a.keyPrefix() + "x", "0", "1"}}) {
            try (Jedis tenantA = RedisTenants.login(a)) {
                assertThatThrownBy(() -> tenantA.sendCommand(command(command[0]),
                        java.util.Arrays.copyOfRange(command, 1, command.length)))
                        .as(String.join(" ", command)).isInstanceOf(JedisAccessControlException.class)
                        .hasMessageContaining("NOPERM").hasMessageContaining("command");
            }
        }
        try (Jedis tenantA = RedisTenants.login(a)) {
            assertThatThrownBy(() -> tenantA.sendCommand(command("DEBUG"), "SLEEP", "0"))
                    .isInstanceOf(JedisDataException.class);
        }
        try (Jedis server = RedisTenants.server()) {
            assertThat(server.get(b.keyPrefix() + "secret")).isEqualTo("b-only");
        }
    }

    @Test
    void rotationRetiresTheOldPassword() {
        String service = Api.service(Api.team("rdr"), "rdr");
        long id = RedisTenants.datastore(service, "main");
        Credentials before = RedisTenants.reveal(id);
        try (Jedis open = RedisTenants.login(before)) {
            admin().post("/api/v1/datastores/" + id + "/credentials/rotate").then().statusCode(200)
                    .body("state", equalTo("READY"));
            Credentials after = RedisTenants.reveal(id);
            assertThat(after.password()).isNotEqualTo(before.password());
            assertThatThrownBy(() -> RedisTenants.login(before)).isInstanceOf(JedisAccessControlException.class)
                    .hasMessageContaining("WRONGPASS");
            try (Jedis fresh = RedisTenants.login(after)) {
                assertThat(fresh.set(after.keyPrefix() + "k", "v")).isEqualTo("OK");
            }
            assertThat(open.get(before.keyPrefix() + "k")).as("a connection opened before keeps working")
                    .isEqualTo("v");
        }
    }

    @Test
    void rotationPutsBackTheWholeRuleOnAUserSomeoneWidenedByHand() {
        String service = Api.service(Api.team("rdw"), "rdw");
        long id = RedisTenants.datastore(service, "main");
        String user = RedisTenants.reveal(id).username();
        try (Jedis server = RedisTenants.server()) {
            server.aclSetUser(user, "~*", "+@all");
        }
        admin().post("/api/v1/datastores/" + id + "/credentials/rotate").then().statusCode(200);
        Credentials after = RedisTenants.reveal(id);
        try (Jedis own = RedisTenants.login(after)) {
            assertNoPerm(() -> own.get("unprefixed"));
            assertNoPerm(() -> own.scan("0"));
            assertThat(own.set(after.keyPrefix() + "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void decommissionEndsTheLoginAtOnceAndDeletesTheKeysAfterRetention() throws Exception {
        String service = Api.service(Api.team("rdd"), "rdd");
        long id = RedisTenants.datastore(service, "main");
        Credentials credentials = RedisTenants.reveal(id);
        try (Jedis server = RedisTenants.server()) {
            server.set(service + ":other:keep", "not this datastore's");
            try (Jedis open = RedisTenants.login(credentials)) {
                for (int i = 0; i < 1200; i++) {
                    open.set(credentials.keyPrefix() + "k" + i, "v" + i);
                }
                admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200)
                        .body("state", equalTo("DECOMMISSIONING"));
                assertThat(server.aclUsers()).doesNotContain(credentials.username());
                assertThatThrownBy(() -> RedisTenants.login(credentials))
                        .isInstanceOf(JedisAccessControlException.class);
                assertThatThrownBy(open::ping).as("the open connection was closed with the user")
                        .isInstanceOf(JedisConnectionException.class);
            }
            assertThat(keysUnder(server, credentials.keyPrefix())).as("keys stay during retention").isPositive();

            // Test retention is 3 s and the job runs every second.
            long deadline = System.currentTimeMillis() + 20_000;
            while (!"DECOMMISSIONED".equals(admin().get("/api/v1/datastores/" + id).jsonPath().getString("state"))) {
                assertThat(System.currentTimeMillis()).as("keys deleted after retention").isLessThan(deadline);
                Thread.sleep(250);
            }
            assertThat(keysUnder(server, credentials.keyPrefix())).isZero();
            assertThat(server.get(service + ":other:keep")).isEqualTo("not this datastore's");
            server.del(service + ":other:keep");
        }
    }

    @Test
    void redisTakesNoMigrations() {
        String service = Api.service(Api.team("rdm"), "rdm");
        long id = RedisTenants.datastore(service, "main");
        admin().body(Map.of("files", List.of(Map.of("name", "V1__init.sql", "content", "SET a 1"))))
                .post("/api/v1/datastores/" + id + "/migrations").then().statusCode(422)
                .body("detail", containsString("no schema migrations"));
        admin().get("/api/v1/datastores/" + id + "/migrations").then().body("total", equalTo(0));
    }

    @Test
    void usageCountsKeysAndEstimatesMemoryUnderThePrefix() throws Exception {
        String service = Api.service(Api.team("rdu"), "rdu");
        long id = RedisTenants.datastore(service, "sessions");
        Credentials credentials = RedisTenants.reveal(id);
        try (Jedis own = RedisTenants.login(credentials); Jedis server = RedisTenants.server()) {
            for (int i = 0; i < 300; i++) {
                own.set(credentials.keyPrefix() + "s" + i, "x".repeat(100));
            }
            server.set(service + ":other:not-counted", "x");
            JsonPath usage = admin().get("/api/v1/datastores/" + id + "/usage").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(usage.getString("kind")).isEqualTo("redis");
            List<Map<String, Object>> measures = usage.getList("measures");
            assertThat(value(measures, "keys")).isEqualTo(300.0);
            // 300 keys of 100-byte strings: MEMORY USAGE says at least the value's bytes per key.
            assertThat(value(measures, "memory_bytes")).isBetween(300 * 100.0, 300 * 1000.0);
            assertThat(value(measures, "memory_sample_keys")).isEqualTo(200.0);
            server.del(service + ":other:not-counted");
        }
        String gauge = "larder_datastore_keys{datastore=\"sessions\",environment=\"dev\",kind=\"redis\",service=\""
                + service + "\"";
        long deadline = System.currentTimeMillis() + 20_000;
        String metrics = "";
        while (!metrics.contains(gauge) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        }
        assertThat(metrics).contains(gauge);
        assertThat(metrics.lines().filter(line -> line.startsWith(gauge)).findFirst().orElseThrow())
                .endsWith(" 300.0");
    }

    private static Double value(List<Map<String, Object>> measures, String name) {
        return measures.stream().filter(m -> name.equals(m.get("name")))
                .map(m -> ((Number) m.get("value")).doubleValue()).findFirst().orElse(null);
    }

    private static long keysUnder(Jedis server, String prefix) {
        long count = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = server.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
            count += page.getResult().size();
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return count;
    }

    private static ProtocolCommand command(String name) {
        return () -> name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void assertNoPerm(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
    }
}
