package dev.larder.backend.datachange.service;

import java.time.Instant;
import java.util.List;

public final class DataChangeViews {

    private DataChangeViews() {
    }

    /** A data change request. {@code draft} keeps it for review without asking anyone to approve it yet. */
    public record NewDataChange(List<String> statements, String reason, String ticket, Boolean draft) {
    }

    public record Finding(String ruleId, String severity, Integer statement, String message) {
    }

    public record Estimate(int statement, String sql, String operation, String table, List<String> primaryKey,
            long estimatedRows, String method) {
    }

    /** What a check finds, before anything is recorded: shown to the requester and, later, to approvers. */
    public record CheckResult(boolean blocked, List<Finding> findings, List<Estimate> estimates, long estimatedRows,
            boolean platformAdminRequired, long rowCap) {
    }

    public record DataChangeView(long id, long datastoreId, String state, List<String> statements, String reason,
            String ticket, String requestedBy, String channel, List<Finding> findings, List<Estimate> estimates,
            long estimatedRows, boolean platformAdminRequired, Long approvalId, List<Long> affectedRows,
            Long longestTransactionMs, Integer transactions, String failure, String failedStatement, Long rollbackOf,
            Long rolledBackBy, String executedBy, Instant createdAt, Instant decidedAt, Instant startedAt,
            Instant finishedAt, Instant imagesPurgedAt) {
    }
}
