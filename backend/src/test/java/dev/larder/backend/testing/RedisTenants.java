package dev.larder.backend.testing;

import static dev.larder.backend.testing.Api.admin;

import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Redis datastores through the API, and connections with the credentials Larder issued. The cluster it-redis is
 * the machine's Redis, registered once per run with the admin login {@link RedisTestResource} made.
 */
public final class RedisTenants {

    public static final String CLUSTER = "it-redis";

    private RedisTenants() {
    }

    /** Registers cluster it-redis once per run, through the API as a platform admin would. */
    public static synchronized void ensureCluster() {
        if (admin().get("/api/v1/clusters/" + CLUSTER).statusCode() == 200) {
            return;
        }
        var config = ConfigProvider.getConfig();
        String password = SeenSecrets.remember(config.getValue("larder.it.redis.admin-password", String.class));
        admin().body(Map.of("name", CLUSTER, "kind", "redis",
                "host", config.getValue("larder.it.redis.host", String.class),
                "port", config.getValue("larder.it.redis.port", Integer.class),
                "adminUser", config.getValue("larder.it.redis.admin-user", String.class),
                "adminPassword", password, "environment", "dev"))
                .post("/api/v1/clusters").then().statusCode(201);
    }

    /** Creates a Redis datastore on it-redis as platform-admin; it must come back READY. */
    public static long datastore(String service, String name) {
        ensureCluster();
        return admin().body(Map.of("service", service, "name", name, "kind", "redis", "environment", "dev",
                "cluster", CLUSTER)).post("/api/v1/datastores")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** What a reveal gives a Redis user. */
    public record Credentials(String username, String password, String keyPrefix, String host, int port) {

        public Credentials withPassword(String other) {
            return new Credentials(username, other, keyPrefix, host, port);
        }
    }

    public static Credentials reveal(long datastoreId) {
        var json = admin().post("/api/v1/datastores/" + datastoreId + "/credentials/reveal")
                .then().statusCode(200).extract().jsonPath();
        return new Credentials(json.getString("username"), SeenSecrets.remember(json.getString("password")),
                json.getString("keyPrefix") != null ? json.getString("keyPrefix") : json.getString("database"), json.getString("clusters[0].host"), json.getInt("clusters[0].port"));
    }

    /** A connection authenticated as the login; throws when the server refuses the login. */
    public static Jedis login(Credentials credentials) {
        Jedis jedis = new Jedis(new HostAndPort(credentials.host(), credentials.port()),
                DefaultJedisClientConfig.builder().user(credentials.username()).password(credentials.password())
                        .socketTimeoutMillis(5000).build());
        try {
            jedis.ping();
            return jedis;
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
    }

    /** A connection as the server's default user, to look at what really is on the server. */
    public static Jedis server() {
        return RedisTestResource.server();
    }
}
