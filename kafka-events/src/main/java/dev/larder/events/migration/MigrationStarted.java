package dev.larder.events.migration;

import java.util.List;

/**
 * Larder accepted a migration bundle and began applying it.
 *
 * @param clusters the clusters it will be applied to, in order
 * @param versions the versions that are pending and will be applied
 */
public record MigrationStarted(String commandId, long migrationId, long datastoreId, List<String> clusters,
        List<String> versions) {

    public MigrationStarted {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
