package dev.larder.events.datastore;

/**
 * A datastore is READY: created on its cluster(s), with the owning service's credential in place.
 *
 * @param kind         {@code mysql}, {@code dynamodb}, {@code redis} or {@code opensearch} (more may follow)
 * @param physicalName the name on the server: schema, table prefix, key prefix or index prefix
 */
public record DatastoreProvisioned(long datastoreId, String kind, String service, String team, String name,
        String environment, String physicalName) {
}
