package dev.larder.backend.testing;

import static dev.larder.backend.testing.Api.admin;

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
    public static void ensureCluster() {
        var config = ConfigProvider.getConfig();
        Api.ensureCluster(CLUSTER, "redis", config.getValue("larder.it.redis.host", String.class),
                config.getValue("larder.it.redis.port", Integer.class),
                config.getValue("larder.it.redis.admin-user", String.class),
                config.getValue("larder.it.redis.admin-password", String.class));
    }

    /** Creates a Redis datastore on it-redis as platform-admin; it must come back READY. */
    public static long datastore(String service, String name) {
        ensureCluster();
        return Api.datastore(service, name, "redis", CLUSTER, null).getLong("id");
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
                json.getString("keyPrefix"), json.getString("clusters[0].host"), json.getInt("clusters[0].port"));
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
