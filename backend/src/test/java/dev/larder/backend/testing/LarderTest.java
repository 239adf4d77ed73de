package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the HTTP tests: one Quarkus boot for all of them, the real MariaDB registered as cluster it-mysql, a
 * second, throwaway MariaDB server for replication groups (registered by the tests that need it), one real Kafka
 * broker (its own JVM), the machine's Redis with an ACL admin of the run (registered as it-redis by the tests that
 * need it) and one dynalite (its own Node process, for DynamoDB tests) for the run. Every test class shares these
 * resources, so they share one boot.
 */
@QuarkusTestResource(MariaDbTestResource.class)
@QuarkusTestResource(SecondMariaDbTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(DynaliteTestResource.class)
@QuarkusTestResource(value = OpenSearchTestResource.class, parallel = true)
public abstract class LarderTest {

    @ConfigProperty(name = "larder.it.mysql.host")
    protected String mysqlHost;

    @ConfigProperty(name = "larder.it.mysql.port")
    protected int mysqlPort;

    @ConfigProperty(name = "larder.it.mysql.admin-user")
    protected String mysqlAdminUser;

    @ConfigProperty(name = "larder.it.mysql.admin-password")
    protected String mysqlAdminPassword;

    @BeforeEach
    void registerCluster() {
        Api.ensureCluster(mysqlHost, mysqlPort, mysqlAdminUser, mysqlAdminPassword);
    }
}
