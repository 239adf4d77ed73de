package dev.larder.events.migration;

import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import java.util.List;

/**
 * A migration bundle is applied on every cluster of the datastore.
 *
 * @param appliedVersions versions applied by this run (empty if everything was already applied)
 * @param warnings        lint findings that did not block the migration
 * @param durationMs      wall time from start to the last cluster
 */
public record MigrationSucceeded(String commandId, long migrationId, long datastoreId, List<String> appliedVersions,
        List<ClusterResult> clusters, List<Finding> warnings, long durationMs) {

    public MigrationSucceeded {
        appliedVersions = appliedVersions == null ? List.of() : List.copyOf(appliedVersions);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
