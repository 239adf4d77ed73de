package dev.larder.backend.datastore.service;

import java.time.Instant;
import java.util.List;

public final class DatastoreViews {

    private DatastoreViews() {
    }

    /** A request for a new datastore. Give a cluster or a replication group, or neither when only one fits. */
    public record NewDatastore(String service, String name, String kind, String environment, String cluster,
            String replicationGroup) {
    }

    public record DatastoreView(long id, String kind, String name, String service, String team, String environment,
            String replicationGroup, List<Endpoint> clusters, String physicalName, String login, String state,
            String failureReason, String createdBy, Instant createdAt, Instant updatedAt, Instant decommissionedAt,
            Instant dropAfter) {
    }

    public record Endpoint(String cluster, String host, int port) {
    }

    /** Shown once per reveal, and every reveal is audited. */
    public record RevealedCredentials(long datastoreId, String username, String password, String database,
            List<Endpoint> clusters, int version, String jdbcUrl, String mysqlCommand) {

        @Override
        public String toString() {
            return "RevealedCredentials[datastore=" + datastoreId + ", username=" + username + "]";
        }
    }

    public record DatastoreFilter(String team, String service, String environment, String kind, String state) {
    }
}
