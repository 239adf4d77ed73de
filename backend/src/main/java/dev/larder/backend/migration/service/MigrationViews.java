package dev.larder.backend.migration.service;

import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import java.time.Instant;
import java.util.List;

public final class MigrationViews {

    private MigrationViews() {
    }

    /** One file of a bundle. {@code sha256} is optional over REST (computed when absent), required over Kafka. */
    public record FileUpload(String name, String content, String sha256) {
    }

    public record Ci(String system, String runUrl, String commit) {
    }

    /** A bundle submitted through the API. */
    public record NewMigration(String commandId, List<FileUpload> files, String requestedBy, Ci ci) {
    }

    public record LintRequest(List<FileUpload> files) {
    }

    public record LintResult(boolean blocked, List<Finding> findings) {
    }

    public record Failure(String stage, String cluster, String version, String file, String statement,
            String serverError, String partialState) {
    }

    public record MigrationView(long id, long datastoreId, String commandId, String state, String stage,
            String channel, String requestedBy, Ci ci, List<String> versions, List<String> applied,
            List<Finding> findings, Failure failure, List<ClusterResult> clusters, Long approvalId,
            Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    public record RepairResult(long datastoreId, List<ClusterRepair> clusters) {
    }

    public record ClusterRepair(String cluster, List<String> actions) {
    }
}
