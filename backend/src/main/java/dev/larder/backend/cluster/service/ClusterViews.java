package dev.larder.backend.cluster.service;

import java.time.Instant;

public final class ClusterViews {

    private ClusterViews() {
    }

    /** Registration of a cluster. The admin password is write-only: it is never returned. */
    public record NewCluster(String name, String kind, String host, Integer port, String adminUser,
            String adminPassword, String environment, String replicationGroup) {

        @Override
        public String toString() {
            return "NewCluster[name=" + name + ", kind=" + kind + ", host=" + host + ", port=" + port + "]";
        }
    }

    public record ClusterView(long id, String name, String kind, String host, int port, String adminUser,
            String environment, String replicationGroup, Instant createdAt) {
    }
}
