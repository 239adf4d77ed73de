package dev.larder.backend.engine.redis;

import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.GrantLogins;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Personal ACL users {@code <user prefix>.<access prefix>_<grant id>} on the datastore's key prefix: read commands
 * only (read) or the owner's data commands without pub/sub (write). Redis has no expiry for ACL users, so the
 * access expiry job revokes them; ACL DELUSER closes their open connections too.
 */
@ApplicationScoped
class RedisAccessGrants implements AccessGrants {

    private static final Logger LOG = Logger.getLogger(RedisAccessGrants.class);

    private final RedisConnector connector;
    private final RedisEngine engine;
    private final GrantLogins names;

    RedisAccessGrants(RedisConnector connector, RedisEngine engine, RedisConfig config,
            @ConfigProperty(name = "larder.access.login-prefix", defaultValue = "lxa") String accessPrefix) {
        this.connector = connector;
        this.engine = engine;
        this.names = GrantLogins.of(RedisAcl.checkedUserPrefix(config.userPrefix()) + ".", accessPrefix);
    }

    @Override
    public String loginFor(long grantId) {
        return names.loginFor(grantId);
    }

    @Override
    public long grantIdOf(String login) {
        return names.grantIdOf(login);
    }

    @Override
    public void grant(ClusterEndpoint cluster, Tenant tenant, String login, Secret password, Level level) {
        if (grantIdOf(login) < 0) {
            throw new IllegalArgumentException("Not a personal login of this Larder: " + login);
        }
        try (Jedis admin = connector.admin(cluster)) {
            admin.aclSetUser(login, RedisAcl.rules(tenant.physicalName(), password,
                    level == Level.READ ? RedisAcl.READ : RedisAcl.WRITE));
            LOG.infof("Personal ACL user %s (%s) on %s of cluster %s", login, level, tenant.physicalName(),
                    cluster.name());
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "create personal ACL user " + login, e, password);
        }
    }

    @Override
    public void revoke(ClusterEndpoint cluster, String login) {
        if (grantIdOf(login) < 0) {
            throw new IllegalArgumentException("Not a personal login of this Larder: " + login);
        }
        engine.deleteUser(cluster, login);
    }

    @Override
    public List<String> logins(ClusterEndpoint cluster) {
        try (Jedis admin = connector.admin(cluster)) {
            return admin.aclUsers().stream().filter(user -> grantIdOf(user) >= 0).toList();
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "list personal ACL users", e);
        }
    }
}
