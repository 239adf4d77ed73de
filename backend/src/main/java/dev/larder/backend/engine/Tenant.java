package dev.larder.backend.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One datastore as an engine sees it: the physical name it owns on the server (schema, key prefix, table or
 * index family), the login that belongs to it, the spec it was declared with (for kinds that take one, as
 * {@link DatastoreEngine#validateSpec} normalised it; null otherwise), and who owns it ({@code team},
 * {@code service}, {@code environment}; empty where the caller does not know), for kinds that tag what they create.
 */
public record Tenant(long datastoreId, String physicalName, String login, JsonNode spec, Map<String, String> owner) {

    public Tenant {
        owner = owner == null ? Map.of() : Map.copyOf(owner);
    }

    public Tenant(long datastoreId, String physicalName, String login, JsonNode spec) {
        this(datastoreId, physicalName, login, spec, Map.of());
    }

    public Tenant(long datastoreId, String physicalName, String login) {
        this(datastoreId, physicalName, login, null, Map.of());
    }

    public Tenant withSpec(JsonNode declared) {
        return new Tenant(datastoreId, physicalName, login, declared, owner);
    }
}
