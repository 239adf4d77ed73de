package dev.larder.backend.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every datastore kind promises through {@link DatastoreEngine} alone, run by one subclass per kind against
 * its real server: each step can run again, the owner's password works until it is rotated or revoked, dropped data
 * is gone, a grant's login has exactly its level and disappears when revoked, and usage and connection answer.
 * Subclasses supply only how a user of the kind reaches the data.
 */
public abstract class EngineContract extends LarderTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EngineRegistry engines;

    private final List<Tenant> tenants = new ArrayList<>();
    private final List<String> grantLogins = new ArrayList<>();

    protected abstract DatastoreKind kind();

    /** The tests' server of this kind, with its administrator. */
    protected abstract ClusterEndpoint cluster();

    /** The declared spec of a new datastore, for kinds that need one. */
    protected JsonNode spec() {
        return null;
    }

    /**
     * Writes one record into the tenant as its user would: with the owner's login and this password when the kind
     * has passwords, otherwise as the administrator. Fails when the server refuses.
     */
    protected abstract void write(Tenant tenant, Secret ownerPassword);

    /** Whether this login reads what {@link #write} put there; false when the server refuses the login or the read. */
    protected abstract boolean canRead(Tenant tenant, String login, Secret password);

    /** Whether this login can add a record next to what {@link #write} put there; false when the server refuses. */
    protected abstract boolean canWrite(Tenant tenant, String login, Secret password);

    /** Whether the server (seen by its administrator) still holds any data of the tenant. */
    protected abstract boolean holdsData(Tenant tenant);

    protected DatastoreEngine engine() {
        return engines.engine(kind());
    }

    private AccessGrants grants() {
        return engine().accessGrants().orElseThrow();
    }

    /** A tenant of a new, uniquely named service; removed after the test. */
    private Tenant newTenant() {
        Tenant tenant = engine().naming(RANDOM.nextInt(1_000_000) + 1, Environment.parse("environment", "dev"),
                Api.unique("c" + Api.randomSuffix(6)), "contract");
        JsonNode spec = spec();
        tenant = spec == null ? tenant : tenant.withSpec(engine().validateSpec(spec));
        tenants.add(tenant);
        return tenant;
    }

    /** A grant login no other run uses; revoked after the test. */
    private String newGrantLogin() {
        String login = grants().loginFor(900_000_000L + RANDOM.nextInt(99_999_999));
        grantLogins.add(login);
        return login;
    }

    /** A tenant and the owner's password. */
    private record Owned(Tenant tenant, Secret password) {
    }

    /** A new tenant, provisioned, with one record written into it. */
    private Owned provisionedWithData() {
        Owned owned = new Owned(newTenant(), password("owner"));
        engine().provision(cluster(), owned.tenant(), owned.password());
        write(owned.tenant(), owned.password());
        return owned;
    }

    private static Secret password(String label) {
        return new Secret(label + "-" + Api.randomSuffix(24));
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        grantLogins.forEach(login -> grants().revoke(cluster(), login));
        for (Tenant tenant : tenants) {
            engine().revokeLogin(cluster(), tenant);
            engine().dropData(cluster(), tenant);
        }
    }

    @Test
    void everyStepCanRunAgain() {
        Tenant tenant = newTenant();
        Secret first = password("first");
        Secret second = password("second");
        engine().provision(cluster(), tenant, first);
        engine().provision(cluster(), tenant, first);
        engine().rotate(cluster(), tenant, second);
        engine().rotate(cluster(), tenant, second);
        write(tenant, second);

        String personal = newGrantLogin();
        Secret personalPassword = password("grant");
        grants().grant(cluster(), tenant, personal, personalPassword, AccessGrants.Level.READ);
        grants().grant(cluster(), tenant, personal, personalPassword, AccessGrants.Level.READ);
        grants().revoke(cluster(), personal);
        grants().revoke(cluster(), personal);

        engine().revokeLogin(cluster(), tenant);
        engine().revokeLogin(cluster(), tenant);
        engine().dropData(cluster(), tenant);
        engine().dropData(cluster(), tenant);
        assertThat(holdsData(tenant)).isFalse();
    }

    @Test
    void theOwnersPasswordWorksUntilItIsRotatedOrRevoked() {
        assumeTrue(engine().usesPassword(), "the owner's credential of this kind is not a password");
        Tenant tenant = newTenant();
        Secret old = password("old");
        Secret rotated = password("new");
        engine().provision(cluster(), tenant, old);
        write(tenant, old);
        assertThat(canRead(tenant, tenant.login(), old)).as("the password given at provision").isTrue();

        engine().rotate(cluster(), tenant, rotated);
        assertThat(canRead(tenant, tenant.login(), old)).as("the old password after rotate").isFalse();
        assertThat(canRead(tenant, tenant.login(), rotated)).as("the new password after rotate").isTrue();
        assertThat(canWrite(tenant, tenant.login(), rotated)).as("the owner writes").isTrue();

        engine().revokeLogin(cluster(), tenant);
        assertThat(canRead(tenant, tenant.login(), rotated)).as("after revokeLogin").isFalse();
        assertThat(canRead(tenant, tenant.login(), old)).as("the old password after revokeLogin").isFalse();
        assertThat(holdsData(tenant)).as("revokeLogin keeps the data").isTrue();
    }

    @Test
    void droppedDataIsGone() {
        Owned owned = provisionedWithData();
        Tenant tenant = owned.tenant();
        Secret secret = owned.password();
        assertThat(holdsData(tenant)).as("written before dropData").isTrue();

        engine().revokeLogin(cluster(), tenant);
        engine().dropData(cluster(), tenant);
        assertThat(holdsData(tenant)).as("after dropData").isFalse();
    }

    @Test
    void aGrantsLoginHasItsLevelIsListedAndEndsWithRevoke() {
        Owned owned = provisionedWithData();
        Tenant tenant = owned.tenant();
        Secret secret = owned.password();
        long readId = 900_000_000L + RANDOM.nextInt(99_999_999);
        String reader = grants().loginFor(readId);
        grantLogins.add(reader);
        String writer = newGrantLogin();
        Secret readerPassword = password("reader");
        Secret writerPassword = password("writer");
        grants().grant(cluster(), tenant, reader, readerPassword, AccessGrants.Level.READ);
        grants().grant(cluster(), tenant, writer, writerPassword, AccessGrants.Level.WRITE);

        assertThat(grants().grantIdOf(reader)).isEqualTo(readId);
        assertThat(grants().grantIdOf(tenant.login())).as("the owner's login is no grant login").isEqualTo(-1);
        if (engine().usesPassword()) {
            assertThat(grants().logins(cluster())).contains(reader, writer);
            assertThat(canRead(tenant, reader, readerPassword)).as("read grant reads").isTrue();
            assertThat(canWrite(tenant, reader, readerPassword)).as("read grant writes").isFalse();
            assertThat(canRead(tenant, writer, writerPassword)).as("write grant reads").isTrue();
            assertThat(canWrite(tenant, writer, writerPassword)).as("write grant writes").isTrue();
        } else {
            assertThat(grants().logins(cluster())).as("a kind without passwords creates no login on the server")
                    .doesNotContain(reader, writer);
        }

        grants().revoke(cluster(), reader);
        grants().revoke(cluster(), writer);
        assertThat(grants().logins(cluster())).doesNotContain(reader, writer);
        if (engine().usesPassword()) {
            assertThat(canRead(tenant, reader, readerPassword)).as("read grant after revoke").isFalse();
            assertThat(canRead(tenant, writer, writerPassword)).as("write grant after revoke").isFalse();
            assertThat(canRead(tenant, tenant.login(), secret)).as("the owner after a grant's revoke").isTrue();
        }
    }

    @Test
    void usageAndConnectionAnswerForAProvisionedTenant() {
        Owned owned = provisionedWithData();
        Tenant tenant = owned.tenant();
        Secret secret = owned.password();

        assertThat(engine().usage(cluster(), tenant).measures()).isNotEmpty()
                .allSatisfy(measure -> assertThat(measure.name()).matches("[a-z]+(_[a-z]+)*"));
        Map<String, Object> connection = engine().connection(List.of(cluster()), tenant,
                Credentials.owner(tenant.login(), secret));
        assertThat(connection).isNotEmpty()
                .allSatisfy((field, value) -> assertThat(value).as(field).asString().isNotBlank());
        assertThat(connection.values()).as("some field names " + tenant.physicalName())
                .anySatisfy(value -> assertThat(value).asString().contains(tenant.physicalName()));
    }
}
