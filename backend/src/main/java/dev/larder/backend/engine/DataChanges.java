package dev.larder.backend.engine;

import dev.larder.backend.secrets.Secret;
import java.time.Duration;
import java.util.List;

/**
 * Reviewed data changes, for engines that support them: check and estimate without changing anything, run an
 * approved plan under a guard while keeping a before-image of every row it touches, and put those rows back.
 * All work happens with the datastore's own login.
 */
public interface DataChanges {

    /** Checks the statements against the rules and the live schema and estimates the rows each will touch. */
    DataChangePlan plan(ClusterEndpoint cluster, Tenant tenant, Secret password, List<String> statements,
            int maxStatements);

    /**
     * Runs a plan. Each unit of work (the whole change, or one chunk of a large statement) captures the rows it
     * will touch, runs, captures the result, hands both to {@code images} (which must make them durable) and only
     * then commits. Throws {@link DataChangeRefused} when the guard stops it; what ran before is in the report.
     */
    ExecutionReport execute(ClusterEndpoint cluster, Tenant tenant, Secret password, DataChangePlan plan, Guard guard,
            ImageSink images);

    /** The keys of rows that no longer look the way the change left them. Empty means a rollback is safe. */
    List<String> changedSince(ClusterEndpoint cluster, Tenant tenant, Secret password, List<ImageChunk> images);

    /** Puts every row back as the before-images say, one transaction per chunk, refusing rows changed since. */
    ExecutionReport restore(ClusterEndpoint cluster, Tenant tenant, Secret password, List<ImageChunk> images,
            Guard guard);

    /** Limits a run respects. */
    record Guard(Duration lockWaitTimeout, Duration statementTimeout, int maxRowsPerTransaction, Duration chunkTime,
            Duration chunkPause, double tolerance, long toleranceRows) {
    }

    /** Receives images; must persist them before returning (the tenant transaction commits right after). */
    interface ImageSink {
        void store(ImageChunk chunk);
    }

    record Finding(String ruleId, String severity, Integer statement, String message) {
    }

    record PlannedStatement(int index, String sql, String operation, String table, List<String> primaryKey,
            long estimatedRows, String estimateMethod) {
    }

    record DataChangePlan(List<PlannedStatement> statements, List<Finding> findings) {

        public boolean blocked() {
            return findings.stream().anyMatch(finding -> "ERROR".equals(finding.severity()));
        }

        public long estimatedRows() {
            return statements.stream().mapToLong(PlannedStatement::estimatedRows).sum();
        }
    }

    /**
     * Rows of one table touched by one unit of work. Values are text as the server renders them (binary columns in
     * base64); {@code before} is null for inserted rows, {@code after} null for deleted ones.
     */
    record ImageChunk(int statement, int chunk, String table, List<String> keyColumns, List<String> columns,
            List<String> binaryColumns, List<Row> rows) {

        public record Row(List<String> key, List<String> before, List<String> after) {
        }
    }

    /** Rows affected per statement, how long it took, and the longest a transaction held its locks. */
    record ExecutionReport(List<Long> affectedRows, long durationMs, long longestTransactionMs, int transactions) {
    }
}
