package dev.larder.backend.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One datastore as an engine sees it: the physical name it owns on the server (schema, key prefix, table or
 * index family), the login that belongs to it, and the spec it was declared with (for kinds that take one, as
 * {@link DatastoreEngine#validateSpec} normalised it; null otherwise).
 */
public record Tenant(long datastoreId, String physicalName, String login, JsonNode spec) {

    public Tenant(long datastoreId, String physicalName, String login) {
        this(datastoreId, physicalName, login, null);
    }

    public Tenant withSpec(JsonNode declared) {
        return new Tenant(datastoreId, physicalName, login, declared);
    }
}
