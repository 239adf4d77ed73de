package dev.larder.backend.engine.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineContract;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.RedisTenants;
import dev.larder.backend.testing.RedisTenants.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * The engine contract against the machine's Redis, acting with Jedis as the ACL users the engine made; and what is
 * Redis's own: names that could widen a key pattern never reach the server, and a wrong admin password is an engine
 * error without the secret.
 */
@QuarkusTest
class RedisEngineContractTest extends EngineContract {

    @ConfigProperty(name = "larder.it.redis.host")
    String host;

    @ConfigProperty(name = "larder.it.redis.port")
    int port;

    @ConfigProperty(name = "larder.it.redis.admin-user")
    String adminUser;

    @ConfigProperty(name = "larder.it.redis.admin-password")
    String adminPassword;

    @Override
    protected DatastoreKind kind() {
        return DatastoreKind.REDIS;
    }

    @Override
    protected ClusterEndpoint cluster() {
        return new ClusterEndpoint(RedisTenants.CLUSTER, host, port, adminUser, new Secret(adminPassword));
    }

    private Jedis login(Tenant tenant, String login, Secret password) {
        return RedisTenants.login(new Credentials(login, password.value(), tenant.physicalName(), host, port));
    }

    @Override
    protected void write(Tenant tenant, Secret ownerPassword) {
        try (Jedis own = login(tenant, tenant.login(), ownerPassword)) {
            own.set(tenant.physicalName() + "contract", "owner");
        }
    }

    @Override
    protected boolean canRead(Tenant tenant, String login, Secret password) {
        try (Jedis jedis = login(tenant, login, password)) {
            return jedis.get(tenant.physicalName() + "contract") != null;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    @Override
    protected boolean canWrite(Tenant tenant, String login, Secret password) {
        try (Jedis jedis = login(tenant, login, password)) {
            return "OK".equals(jedis.set(tenant.physicalName() + "by:" + login, "x"));
        } catch (RuntimeException refused) {
            return false;
        }
    }

    @Override
    protected boolean holdsData(Tenant tenant) {
        try (Jedis server = RedisTenants.server()) {
            ScanParams match = new ScanParams().match(tenant.physicalName() + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = server.scan(cursor, match);
                if (!page.getResult().isEmpty()) {
                    return true;
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return false;
        }
    }

    @Test
    void namesThatCouldWidenTheKeyPatternNeverReachTheServer() {
        Environment dev = Environment.parse("environment", "dev");
        for (String service : new String[] {"shop*", "shop?", "shop[a]", "shop:x", "sh\\op", "Shop", "shop "}) {
            assertThatThrownBy(() -> engine().naming(1, dev, service, "cache")).as(service)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> engine().provision(cluster(), new Tenant(1, "shop:*:", "larder.shop.x"),
                new Secret("irrelevant-password"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine().revokeLogin(cluster(), new Tenant(1, "shop:cache:", "default")))
                .as("never a user outside Larder's naming").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrongAdminPasswordIsAnEngineErrorWithoutTheSecret() {
        Secret wrong = new Secret("definitely-not-the-admin-password");
        ClusterEndpoint bad = new ClusterEndpoint(RedisTenants.CLUSTER, host, port, adminUser, wrong);
        Tenant tenant = engine().naming(1, Environment.parse("environment", "dev"), Api.unique("eng"), "bad");
        assertThatThrownBy(() -> engine().provision(bad, tenant, new Secret("tenant-password-123456")))
                .isInstanceOf(EngineException.class).hasMessageContaining(RedisTenants.CLUSTER)
                .hasMessageNotContaining(wrong.value()).hasMessageNotContaining("tenant-password-123456");
    }
}
