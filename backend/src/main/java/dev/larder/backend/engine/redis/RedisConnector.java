package dev.larder.backend.engine.redis;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens Jedis connections to tenant clusters. No pool: administrative work is rare, and a fresh connection always
 * carries the current admin password (as the MySQL engine does).
 */
@ApplicationScoped
class RedisConnector {

    private final RedisConfig config;

    RedisConnector(RedisConfig config) {
        this.config = config;
    }

    Jedis admin(ClusterEndpoint cluster) {
        return open(cluster, cluster.adminUser(), cluster.adminPassword());
    }

    /** A connection as a datastore's own login: the server enforces its key pattern on every command. */
    Jedis login(ClusterEndpoint cluster, String user, Secret password) {
        return open(cluster, user, password);
    }

    private Jedis open(ClusterEndpoint cluster, String user, Secret password) {
        int timeout = (int) config.timeout().toMillis();
        Jedis jedis = new Jedis(new HostAndPort(cluster.host(), cluster.port()), DefaultJedisClientConfig.builder()
                .user(user).password(password.value()).connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout)
                .clientName("larder").build());
        try {
            jedis.ping();
            return jedis;
        } catch (JedisException e) {
            jedis.close();
            throw new EngineException("Cannot connect to cluster '" + cluster.name() + "' at " + cluster.host() + ":"
                    + cluster.port() + " as " + user + ": " + RedisErrors.firstLine(e, password),
                    e instanceof JedisConnectionException);
        }
    }

    /** A failed command as an engine error naming the cluster and the step; never carries a secret. */
    static EngineException failed(ClusterEndpoint cluster, String step, JedisException e, Secret... secrets) {
        return new EngineException("Cluster '" + cluster.name() + "' refused to " + step + ": "
                + RedisErrors.firstLine(e, secrets), e instanceof JedisConnectionException);
    }
}
