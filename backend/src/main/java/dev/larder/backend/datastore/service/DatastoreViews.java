package dev.larder.backend.datastore.service;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public final class DatastoreViews {

    private DatastoreViews() {
    }

    /** A request for a new datastore. Give a cluster or a replication group, or neither when only one fits. */
    public record NewDatastore(String service, String name, String kind, String environment, String cluster,
            String replicationGroup, JsonNode spec) {
    }

    public record DatastoreView(long id, String kind, String name, String service, String team, String environment,
            String replicationGroup, List<Endpoint> clusters, String physicalName, String login, JsonNode spec,
            String catalogName, String state,
            String failureReason, String createdBy, Instant createdAt, Instant updatedAt, Instant decommissionedAt,
            Instant dropAfter) {
    }

    /**
     * The name of the datastore's Backstage Resource entity: {@code <service>-<name>-<kind>-<environment>} (unique
     * among live datastores), or {@code larder-datastore-<id>} when that is longer than Backstage's 63 characters.
     */
    public static String catalogName(long id, String service, String name, String kind, String environment) {
        String full = service + "-" + name + "-" + kind + "-" + environment;
        return full.length() <= 63 ? full : "larder-datastore-" + id;
    }

    public record Endpoint(String cluster, String host, int port) {
    }

    /**
     * Shown once per reveal, and every reveal is audited. The engine's connection fields (MySQL: database, jdbcUrl,
     * mysqlCommand) sit next to the login in the JSON. The password is null for kinds that use none.
     */
    public record RevealedCredentials(long datastoreId, String kind, String username, String password,
            List<Endpoint> clusters, int version, @JsonIgnore Map<String, Object> connection) {

        @JsonAnyGetter
        public Map<String, Object> connectionFields() {
            return connection;
        }

        @Override
        public String toString() {
            return "RevealedCredentials[datastore=" + datastoreId + ", username=" + username + "]";
        }
    }

    public record DatastoreFilter(String team, String service, String environment, String kind, String state) {
    }
}
