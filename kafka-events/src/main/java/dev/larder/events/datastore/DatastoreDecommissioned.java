package dev.larder.events.datastore;

import java.time.Instant;

/**
 * A datastore is closed to its service; its data is kept until {@code dropAfter}, then dropped.
 */
public record DatastoreDecommissioned(long datastoreId, String kind, String service, String team, String name,
        String environment, Instant dropAfter) {
}
