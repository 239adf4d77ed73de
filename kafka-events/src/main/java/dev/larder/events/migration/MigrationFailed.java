package dev.larder.events.migration;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import java.util.List;

/**
 * A migration bundle was rejected or stopped. Only {@code commandId} and {@code stage} are always present;
 * the rest says as precisely as known where it failed.
 *
 * @param migrationId  absent when the bundle was rejected before a migration was recorded (validation, lint)
 * @param datastoreId  absent when the command's datastore could not be resolved
 * @param cluster      the cluster where applying failed
 * @param version      the version that failed
 * @param file         the file that failed
 * @param statement    the statement that failed, possibly truncated
 * @param serverError  the database server's error message
 * @param findings     lint or validation findings that caused the rejection
 * @param partialState for a person: which clusters are now at which version, and that repair is available
 * @param clusters     what was applied per cluster before the failure
 */
public record MigrationFailed(String commandId, Long migrationId, Long datastoreId, Stage stage, String cluster,
        String version, String file, String statement, String serverError, List<Finding> findings,
        String partialState, List<ClusterResult> clusters) {

    public MigrationFailed {
        findings = findings == null ? List.of() : List.copyOf(findings);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    /** Where in the pipeline the bundle failed. */
    public enum Stage {
        /** The command itself: names, checksums, unknown datastore. */
        @JsonProperty("validation") VALIDATION,
        /** A lint rule with severity ERROR. */
        @JsonProperty("lint") LINT,
        /** A destructive change that approvers rejected, or that nobody approved in time. */
        @JsonProperty("approval") APPROVAL,
        /** The dry run on a shadow copy. */
        @JsonProperty("shadow") SHADOW,
        /** Applying to a real cluster. */
        @JsonProperty("apply") APPLY
    }
}
