package dev.larder.backend.engine.redis;

import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Credentials;
import dev.larder.backend.engine.DataChanges;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.engine.Usage;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis datastore is the key prefix {@code <service>:<name>:} on a shared server, and an ACL user
 * {@code <user prefix>.<service>.<name>} that reaches keys and channels under that prefix only, with the commands
 * that would see or touch other tenants' keys (SCAN, KEYS, RANDOMKEY, DBSIZE, FLUSHALL, SELECT, CONFIG, ACL…)
 * denied. Redis has no schema, so there are no migrations.
 */
@ApplicationScoped
public class RedisEngine implements DatastoreEngine {

    private static final Logger LOG = Logger.getLogger(RedisEngine.class);

    private final RedisConnector connector;
    private final RedisConfig config;
    private final RedisDataChanges dataChanges;
    private final Instance<RedisAccessGrants> accessGrants;

    RedisEngine(RedisConnector connector, RedisConfig config, RedisDataChanges dataChanges,
            Instance<RedisAccessGrants> accessGrants) {
        RedisAcl.checkedUserPrefix(config.userPrefix());
        this.connector = connector;
        this.config = config;
        this.dataChanges = dataChanges;
        this.accessGrants = accessGrants;
    }

    @Override
    public DatastoreKind kind() {
        return DatastoreKind.REDIS;
    }

    @Override
    public Optional<AccessGrants> accessGrants() {
        return Optional.of(accessGrants.get());
    }

    @Override
    public Optional<DataChanges> dataChanges() {
        return Optional.of(dataChanges);
    }

    @Override
    public Tenant naming(long datastoreId, Environment environment, String service, String datastore) {
        return new Tenant(datastoreId, RedisAcl.prefix(service, datastore),
                RedisAcl.ownerUser(config.userPrefix(), service, datastore));
    }

    @Override
    public void provision(ClusterEndpoint cluster, Tenant tenant, Secret password) {
        setUser(cluster, tenant, password, "create login");
        LOG.infof("Provisioned prefix %s with ACL user %s on cluster %s", tenant.physicalName(), tenant.login(),
                cluster.name());
    }

    /** The whole rule again with the new password: the old one stops working, open connections stay. */
    @Override
    public void rotate(ClusterEndpoint cluster, Tenant tenant, Secret newPassword) {
        setUser(cluster, tenant, newPassword, "set login password");
        LOG.infof("Rotated the password of ACL user %s on cluster %s", tenant.login(), cluster.name());
    }

    /** ACL DELUSER also closes every connection authenticated as the user, so access ends at once. */
    @Override
    public void revokeLogin(ClusterEndpoint cluster, Tenant tenant) {
        deleteUser(cluster, tenant.login());
    }

    void deleteUser(ClusterEndpoint cluster, String user) {
        try (Jedis admin = connector.admin(cluster)) {
            long deleted = admin.aclDelUser(RedisAcl.checkedUser(user));
            LOG.infof("Revoked ACL user %s on cluster %s (%s)", user, cluster.name(),
                    deleted > 0 ? "deleted, connections closed" : "already gone");
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "delete ACL user " + user, e);
        }
    }

    /** Deletes every key under the prefix with SCAN and UNLINK in batches (never KEYS, never FLUSHDB). */
    @Override
    public void dropData(ClusterEndpoint cluster, Tenant tenant) {
        String match = RedisAcl.checkedPrefix(tenant.physicalName()) + "*";
        try (Jedis admin = connector.admin(cluster)) {
            long[] unlinked = {0};
            RedisKeys.scan(admin, match, config.scanCount(), config.unlinkBatch(), Long.MAX_VALUE,
                    batch -> unlinked[0] += admin.unlink(batch.toArray(String[]::new)));
            LOG.infof("Deleted %d keys under %s on cluster %s", unlinked[0], tenant.physicalName(), cluster.name());
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "delete the keys under " + tenant.physicalName(), e);
        }
    }

    /** The key prefix, a URL without the password, and a redis-cli command line with it. */
    @Override
    public Map<String, Object> connection(List<ClusterEndpoint> clusters, Tenant tenant, Credentials credentials) {
        ClusterEndpoint first = clusters.get(0);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("keyPrefix", tenant.physicalName());
        fields.put("redisUrl", "redis://" + credentials.login() + "@" + first.host() + ":" + first.port());
        fields.put("redisCli", "redis-cli -h " + first.host() + " -p " + first.port() + " --user "
                + credentials.login() + " --pass '" + credentials.password().value() + "' --no-auth-warning");
        return fields;
    }

    @Override
    public Usage usage(ClusterEndpoint cluster, Tenant tenant) {
        try (Jedis admin = connector.admin(cluster)) {
            return RedisUsage.of(admin, tenant.physicalName(), config);
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "read the usage of " + tenant.physicalName(), e);
        }
    }

    /** Redis has no schema: no migration files (the API answers 422 for a bundle). */
    @Override
    public Optional<String> migrationExtension() {
        return Optional.empty();
    }

    @Override
    public MigrationOutcome migrate(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> scripts) {
        throw noMigrations();
    }

    @Override
    public void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history) {
        throw noMigrations();
    }

    @Override
    public List<String> repair(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> history) {
        throw noMigrations();
    }

    private static EngineException noMigrations() {
        return new EngineException("Redis datastores have no schema and take no migrations", false);
    }

    private void setUser(ClusterEndpoint cluster, Tenant tenant, Secret password, String step) {
        try (Jedis admin = connector.admin(cluster)) {
            admin.aclSetUser(RedisAcl.checkedUser(tenant.login()), RedisAcl.rules(tenant.physicalName(), password,
                    RedisAcl.OWNER));
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, step + " for " + tenant.login(), e, password);
        }
    }
}
