package dev.larder.backend.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.EngineRegistry;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.RedisTenants;
import dev.larder.backend.testing.RedisTenants.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Redis engine through the engine interface, against the machine's Redis: every step may run again after a
 * crash (the caller simply repeats it), and names that could widen a key pattern never reach the server.
 */
@QuarkusTest
class RedisEngineTest extends LarderTest {

    @Inject
    EngineRegistry engines;

    @ConfigProperty(name = "larder.it.redis.host")
    String host;

    @ConfigProperty(name = "larder.it.redis.port")
    int port;

    @ConfigProperty(name = "larder.it.redis.admin-user")
    String adminUser;

    @ConfigProperty(name = "larder.it.redis.admin-password")
    String adminPassword;

    private DatastoreEngine engine() {
        return engines.engine(DatastoreKind.REDIS);
    }

    private ClusterEndpoint cluster() {
        return new ClusterEndpoint(RedisTenants.CLUSTER, host, port, adminUser, new Secret(adminPassword));
    }

    @Test
    void everyStepCanRunAgain() {
        Tenant tenant = engine().naming(1, Environment.parse("environment", "dev"), Api.unique("eng"), "again");
        Secret first = new Secret("first-" + Api.randomSuffix(24));
        Secret second = new Secret("second-" + Api.randomSuffix(24));
        engine().provision(cluster(), tenant, first);
        engine().provision(cluster(), tenant, first);
        engine().rotate(cluster(), tenant, second);
        engine().rotate(cluster(), tenant, second);
        Credentials credentials = new Credentials(tenant.login(), second.value(), tenant.physicalName(), host, port);
        try (Jedis own = RedisTenants.login(credentials)) {
            own.set(tenant.physicalName() + "k", "v");
        }
        AccessGrants grants = engine().accessGrants().orElseThrow();
        String personal = grants.loginFor(424242);
        grants.grant(cluster(), tenant, personal, first, AccessGrants.Level.READ);
        grants.grant(cluster(), tenant, personal, first, AccessGrants.Level.WRITE);
        assertThat(grants.logins(cluster())).contains(personal);
        grants.revoke(cluster(), personal);
        grants.revoke(cluster(), personal);
        assertThat(grants.logins(cluster())).doesNotContain(personal);

        engine().revokeLogin(cluster(), tenant);
        engine().revokeLogin(cluster(), tenant);
        engine().dropData(cluster(), tenant);
        engine().dropData(cluster(), tenant);
        try (Jedis server = RedisTenants.server()) {
            assertThat(server.aclUsers()).doesNotContain(tenant.login());
            assertThat(server.exists(tenant.physicalName() + "k")).isFalse();
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
