package dev.larder.backend.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.secrets.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of datastore server. The rest of the backend sees only this interface; implementations live in
 * {@code engine.<kind>} and never import each other. Every operation is idempotent, because a crash can cut
 * any of them short and the caller simply runs it again.
 */
public interface DatastoreEngine {

    DatastoreKind kind();

    /** The physical name and login for a service's datastore. Inputs are validated names. */
    Tenant naming(long datastoreId, Environment environment, String service, String datastore);

    /** Creates the datastore and its least-privilege login with this password, or finishes a half-done creation. */
    void provision(ClusterEndpoint cluster, Tenant tenant, Secret password);

    /** Gives the login a new password; the old one stops working. */
    void rotate(ClusterEndpoint cluster, Tenant tenant, Secret newPassword);

    /** Removes the login and ends its open sessions. The data stays. */
    void revokeLogin(ClusterEndpoint cluster, Tenant tenant);

    /** Deletes the data for good (after the retention period). */
    void dropData(ClusterEndpoint cluster, Tenant tenant);

    /**
     * Applies the pending scripts with the datastore's own login (never the admin's). Scripts already applied are
     * skipped; a failure throws {@link MigrationFailure} naming the file, statement and server error.
     */
    MigrationOutcome migrate(ClusterEndpoint cluster, Tenant tenant, Secret password, List<MigrationScript> scripts);

    /**
     * Applies the whole history to a throwaway copy on the same cluster (its own schema and login), then removes
     * it. Throws {@link MigrationFailure} when a script fails there, before the real datastore is touched.
     */
    void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history);

    /**
     * Removes failed entries from the migration history so a fixed script can run again; returns what it did.
     * {@code history} is every script applied so far, so nothing applied is mistaken for missing.
     */
    List<String> repair(ClusterEndpoint cluster, Tenant tenant, Secret password, List<MigrationScript> history);

    /**
     * Checks the spec a new datastore is declared with (the create request's {@code spec}) and returns it
     * normalised, to be stored and handed back in {@link Tenant#spec()}. Throws
     * {@code ProblemException.invalid("spec.<path>", rule, message)}. Kinds that take no spec refuse one.
     */
    default JsonNode validateSpec(JsonNode spec) {
        if (spec != null && !spec.isNull() && !(spec.isObject() && spec.isEmpty())) {
            throw ProblemException.invalid("spec", "spec.unsupported", kind().label() + " datastores take no spec");
        }
        return null;
    }

    /**
     * Whether the owner's credential is a password. When false (DynamoDB: access is an IAM policy the owner
     * attaches), Larder still keeps a secret but never shows it.
     */
    default boolean usesPassword() {
        return true;
    }

    /**
     * What a person needs to connect with these credentials, beside login and password: kind-specific fields
     * (MySQL: database, jdbcUrl, mysqlCommand). Shown on reveal; values may contain the password.
     */
    Map<String, Object> connection(List<ClusterEndpoint> clusters, Tenant tenant, Credentials credentials);

    /**
     * The extension of this kind's migration files ({@code V<version>__<description>.<ext>}), or empty when the
     * kind has no migrations.
     */
    default Optional<String> migrationExtension() {
        return Optional.of("sql");
    }

    /**
     * Kind-specific checks of a bundle against what is applied. MySQL's SQL lint lives in the migration package,
     * which runs it for MySQL instead of this.
     */
    default List<LintFinding> lint(Tenant tenant, List<MigrationScript> applied, List<MigrationScript> pending,
            Environment environment) {
        return List.of();
    }

    /** What the datastore holds now, read from the server with the administrator's login. */
    default Usage usage(ClusterEndpoint cluster, Tenant tenant) {
        return Usage.none();
    }

    /** Time-boxed personal access, if this kind supports it. */
    default Optional<AccessGrants> accessGrants() {
        return Optional.empty();
    }

    /** Reviewed data changes, if this kind supports them. */
    default Optional<DataChanges> dataChanges() {
        return Optional.empty();
    }
}
