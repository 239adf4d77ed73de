package dev.larder.events.common;

import java.util.List;

/**
 * What happened on one cluster of a datastore's replication group.
 *
 * @param cluster         the cluster's name
 * @param versionsApplied migration versions applied there by this run, in order
 * @param durationMs      wall time spent on that cluster
 */
public record ClusterResult(String cluster, List<String> versionsApplied, long durationMs) {

    public ClusterResult {
        versionsApplied = versionsApplied == null ? List.of() : List.copyOf(versionsApplied);
    }
}
