package dev.larder.backend.engine;

/**
 * One datastore as an engine sees it: the physical name it owns on the server (schema, key prefix, table or
 * index family) and the login that belongs to it. Both come from {@link DatastoreEngine#naming}.
 */
public record Tenant(long datastoreId, String physicalName, String login) {
}
