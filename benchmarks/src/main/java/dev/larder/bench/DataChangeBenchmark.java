package dev.larder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reviewed data changes: one UPDATE of N rows through Larder (submitted, approved by a platform-admin who is not the
 * requester, executed in chunks by primary key with before- and after-images) beside the same UPDATE run directly in
 * one statement, each with a concurrent writer on the same table that records how long its statements waited.
 * Run through benchmarks/run, which starts the backend (and a broker for its outbox) for it.
 *
 * <p>System properties: {@code bench.rows} (rows in the table, 1,000,000), {@code bench.warmup-rows} (rows of the
 * unmeasured warm-up change on another table, 5,000; 0: none), {@code bench.writer-pause-ms} (the writer's pause
 * between statements, 10), {@code bench.max-rows}, {@code bench.chunk-time}, {@code bench.chunk-pause} (only
 * printed here: benchmarks/run passes them to the backend as {@code larder.datachanges.*}), {@code bench.jwt-key}
 * (the dev JWT private key, deploy/local/dev-jwt-private.pem), {@code bench.control-plane} (the backend's database,
 * larder_bench, read as root for the size of the stored images), {@code bench.api}, {@code bench.token},
 * {@code bench.jdbc} (the server as root, for purge waits).
 */
public final class DataChangeBenchmark {

    private static final String UPDATE = "UPDATE %s SET v = v + 1 WHERE id > 0";
    private static final int INSERT_BATCH = 5000;
    private static final String PAD = "x".repeat(50);
    private static final long POLL_MILLIS = 200;

    private final long rows = Long.getLong("bench.rows", 1_000_000);
    private final long warmupRows = Long.getLong("bench.warmup-rows", 5_000);
    private final long writerPause = Long.getLong("bench.writer-pause-ms", 10);
    private final String maxRows = System.getProperty("bench.max-rows", "1000 (default)");
    private final String chunkTime = System.getProperty("bench.chunk-time", "1s (default)");
    private final String chunkPause = System.getProperty("bench.chunk-pause", "100ms (default)");
    private final Path jwtKey = Path.of(System.getProperty("bench.jwt-key", "deploy/local/dev-jwt-private.pem"));
    private final String controlPlane = System.getProperty("bench.control-plane", "larder_bench");
    private final String rootJdbc = System.getProperty("bench.jdbc", "jdbc:mysql://127.0.0.1:3306/");
    private final String run = "bd" + Names.random(4);
    private final LarderApi api = LarderApi.fromSystemProperties();

    private LarderApi approver;
    private long datastoreId;
    private String jdbcUrl;
    private String user;
    private String password;

    /** How one change ran: wall time as the client saw it, and (Larder only) the change id and its own timing. */
    private record Outcome(long wallNanos, long transactions, long longestTransactionMs, long changeId,
            double serverSeconds) {
    }

    private interface Change {
        Outcome run() throws Exception;
    }

    /** One measured series: the change, and what the writer beside it saw. */
    private record Series(String name, long rows, Outcome outcome, Stats writer) {

        long wallNanos() {
            return outcome.wallNanos();
        }

        double rowsPerSecond() {
            return rows / (wallNanos() / 1e9);
        }

        double writerMaxMs() {
            return writer.count() == 0 ? 0 : writer.percentileMs(100);
        }

        String row() {
            return String.format("| %-32s | %9d | %8.2f | %9.0f | %6d | %8d | %8d | %8.1f | %8.1f |", name, rows,
                    wallNanos() / 1e9, rowsPerSecond(), outcome.transactions(), outcome.longestTransactionMs(),
                    writer.count(), writerMaxMs(), writer.count() == 0 ? 0 : writer.percentileMs(99));
        }
    }

    public static void main(String[] args) throws Exception {
        new DataChangeBenchmark().run();
    }

    private void run() throws Exception {
        System.out.println("Run prefix (schemas and logins to clean up): " + run);
        String service = run + "_svc";
        api.createTeam(run + "-team");
        api.createService(service, run + "-team");
        datastoreId = api.createMysqlDatastore(service, "big", "local");
        JsonNode credentials = api.revealCredentials(datastoreId);
        jdbcUrl = credentials.path("jdbcUrl").asText();
        user = credentials.path("username").asText();
        password = credentials.path("password").asText();
        // A person, not the requester (service:dev-admin), who is a platform-admin: the row cap requires one.
        approver = api.as(DevJwt.person(jwtKey, run + "-approver@larder.local", List.of("platform-admin")));

        try (Connection tenant = DriverManager.getConnection(jdbcUrl, user, password)) {
            createTable(tenant, "big");
            if (warmupRows > 0) {
                progress("warm-up: a data change of " + warmupRows + " rows on table warm (not measured)");
                createTable(tenant, "warm");
                fill(tenant, "warm", warmupRows);
                larder("warm", warmupRows, null);
            }
            progress("filling table big with " + rows + " rows (not measured)");
            long t0 = System.nanoTime();
            fill(tenant, "big", rows);
            progress(String.format("filled in %.1f s", (System.nanoTime() - t0) / 1e9));
        }

        waitForPurge();
        progress("Larder: the UPDATE as a reviewed data change, with the concurrent writer");
        Series larder = withWriter("Larder (chunked, before-image)", () -> larder("big", rows, "big"));
        long imageChunks;
        double imageMb;
        try (Connection root = DriverManager.getConnection(rootJdbc, "root", "");
                Statement sql = root.createStatement();
                ResultSet images = sql.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(image)), 0) FROM `"
                        + controlPlane + "`.data_change_images WHERE data_change_id = "
                        + larder.outcome().changeId())) {
            images.next();
            imageChunks = images.getLong(1);
            imageMb = images.getLong(2) / 1e6;
        }

        waitForPurge();
        progress("direct: the same UPDATE in one statement, with the concurrent writer");
        Series direct = withWriter("Direct, one statement", this::direct);

        try (Connection tenant = DriverManager.getConnection(jdbcUrl, user, password);
                Statement sql = tenant.createStatement();
                ResultSet wrong = sql.executeQuery("SELECT COUNT(*) FROM big WHERE v <> 2")) {
            wrong.next();
            if (wrong.getLong(1) != 0) {
                throw new IllegalStateException(wrong.getLong(1) + " rows of big do not have v = 2 after both"
                        + " series (each adds 1 to every row)");
            }
        }
        report(larder, direct, imageChunks, imageMb);
    }

    private void report(Series larder, Series direct, long imageChunks, double imageMb) {
        System.out.println();
        System.out.printf("UPDATE big SET v = v + 1 WHERE id > 0 on %,d rows (big: id BIGINT PRIMARY KEY, v INT, w INT,"
                + " pad CHAR(50) holding 50 characters)%n", rows);
        System.out.printf("Backend: larder.datachanges.max-rows-per-transaction = %s, chunk-time = %s,"
                + " chunk-pause = %s%n", maxRows, chunkTime, chunkPause);
        System.out.printf("Concurrent writer: UPDATE big SET w = w + 1 WHERE id = ? on random ids, autocommit, one"
                + " connection, %d ms between statements, innodb_lock_wait_timeout = %d s%n%n", writerPause,
                ConcurrentWriter.LOCK_WAIT_TIMEOUT_SECONDS);
        System.out.println("| series | rows | wall s | rows/s | transactions | longest transaction ms"
                + " | writer statements | writer longest wait ms | writer p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.println(larder.row());
        System.out.println(direct.row());
        System.out.println();
        System.out.printf("Ratio Larder/direct rows/s: %.3f; writer longest wait direct/Larder: %.1f%n",
                larder.rowsPerSecond() / direct.rowsPerSecond(),
                larder.writerMaxMs() == 0 ? Double.NaN : direct.writerMaxMs() / larder.writerMaxMs());
        System.out.printf("Larder stored %d image chunks (before and after) of %.1f MB in the control plane;"
                + " its own startedAt -> finishedAt: %.2f s%n", imageChunks, imageMb,
                larder.outcome().serverSeconds());
        long pause = pauseMillis();
        if (pause >= 0) {
            double paused = larder.outcome().transactions() * pause / 1e3;
            System.out.printf("Of Larder's wall time, the chunk pauses (one after every chunk) are %d x %d ms ="
                    + " %.1f s (%.0f%%); the rest, %.1f s, is the work (%.1f us per row)%n",
                    larder.outcome().transactions(), pause, paused, 100 * paused / (larder.wallNanos() / 1e9),
                    larder.wallNanos() / 1e9 - paused, (larder.wallNanos() / 1e3 - paused * 1e6) / rows);
        }
    }

    /** The chunk pause the backend was given (benchmarks/run passes the same value), when it reads as N ms or N s. */
    private long pauseMillis() {
        String value = chunkPause.replace(" (default)", "").strip();
        if (value.matches("\\d+ms")) {
            return Long.parseLong(value.substring(0, value.length() - 2));
        }
        if (value.matches("\\d+s")) {
            return Long.parseLong(value.substring(0, value.length() - 1)) * 1000;
        }
        return -1;
    }

    private Series withWriter(String name, Change change) throws Exception {
        try (ConcurrentWriter writer = new ConcurrentWriter(name, jdbcUrl, user, password, "big", rows,
                writerPause)) {
            writer.start();
            Thread.sleep(1000);
            writer.record();
            Outcome outcome = change.run();
            return new Series(name, rows, outcome, writer.stop());
        }
    }

    /**
     * The whole reviewed path: submit (checked and estimated), approve as a platform-admin person, execute as the
     * requester and poll until EXECUTED. Only execute → EXECUTED is timed.
     */
    private Outcome larder(String table, long expectedRows, String label) throws Exception {
        JsonNode change = api.submitDataChange(datastoreId, List.of(String.format(UPDATE, table)),
                "benchmark: add one to v in every row of " + table);
        long changeId = change.path("id").asLong();
        if (!"PENDING_APPROVAL".equals(change.path("state").asText())) {
            throw new IllegalStateException("the data change is not pending approval: " + change);
        }
        if (label != null) {
            progress("change " + changeId + ": estimated " + change.path("estimatedRows").asLong() + " rows ("
                    + change.path("estimates").path(0).path("method").asText() + "), platform-admin required: "
                    + change.path("platformAdminRequired").asBoolean() + "; approving as a platform-admin person");
        }
        approver.approve(change.path("approvalId").asLong(), "benchmark: reviewed, approved");
        change = api.dataChange(datastoreId, changeId);
        if (!"APPROVED".equals(change.path("state").asText())) {
            throw new IllegalStateException("the data change is not APPROVED after the approval: " + change);
        }
        long t0 = System.nanoTime();
        api.executeDataChange(datastoreId, changeId);
        while (true) {
            change = api.dataChange(datastoreId, changeId);
            String state = change.path("state").asText();
            if ("EXECUTED".equals(state)) {
                break;
            }
            if (!"EXECUTING".equals(state) && !"APPROVED".equals(state)) {
                throw new IllegalStateException("data change " + changeId + " ended " + state + ": "
                        + change.toPrettyString());
            }
            Thread.sleep(POLL_MILLIS);
        }
        long wall = System.nanoTime() - t0;
        long affected = change.path("affectedRows").path(0).asLong(-1);
        if (affected != expectedRows) {
            throw new IllegalStateException("data change " + changeId + " reports " + affected + " rows, expected "
                    + expectedRows + ": " + change);
        }
        return new Outcome(wall, change.path("transactions").asLong(), change.path("longestTransactionMs").asLong(),
                changeId, Duration.between(Instant.parse(change.path("startedAt").asText()),
                        Instant.parse(change.path("finishedAt").asText())).toMillis() / 1e3);
    }

    /** The floor: the same statement over JDBC as the datastore's login, autocommit, one transaction. */
    private Outcome direct() throws SQLException {
        try (Connection tenant = DriverManager.getConnection(jdbcUrl, user, password);
                Statement sql = tenant.createStatement()) {
            tenant.setAutoCommit(true);
            long t0 = System.nanoTime();
            long affected = sql.executeLargeUpdate(String.format(UPDATE, "big"));
            long wall = System.nanoTime() - t0;
            if (affected != rows) {
                throw new IllegalStateException("the direct UPDATE touched " + affected + " rows, expected " + rows);
            }
            return new Outcome(wall, 1, wall / 1_000_000, 0, wall / 1e9);
        }
    }

    private static void createTable(Connection tenant, String table) throws SQLException {
        try (Statement sql = tenant.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v INT NOT NULL, w INT NOT NULL,"
                    + " pad CHAR(50) NOT NULL DEFAULT '') ENGINE=InnoDB");
        }
    }

    /** Rows 1 … n with v = w = 0, in multi-row INSERTs of {@value #INSERT_BATCH}, autocommit. */
    private static void fill(Connection tenant, String table, long n) throws SQLException {
        tenant.setAutoCommit(true);
        try (Statement sql = tenant.createStatement()) {
            for (long first = 1; first <= n; first += INSERT_BATCH) {
                StringBuilder insert = new StringBuilder("INSERT INTO ").append(table)
                        .append(" (id, v, w, pad) VALUES ");
                long last = Math.min(n, first + INSERT_BATCH - 1);
                for (long id = first; id <= last; id++) {
                    insert.append(id == first ? "" : ",").append('(').append(id).append(",0,0,'").append(PAD)
                            .append("')");
                }
                sql.executeUpdate(insert.toString());
            }
        }
    }

    /**
     * Waits (up to 2 minutes) until InnoDB has purged the undo of earlier series, so that a series does not share
     * the 2 cores with the purge of the one before.
     */
    private void waitForPurge() throws Exception {
        long t0 = System.nanoTime();
        try (Connection root = DriverManager.getConnection(rootJdbc, "root", "");
                PreparedStatement history = root.prepareStatement(
                        "SHOW GLOBAL STATUS LIKE 'Innodb_history_list_length'")) {
            long length = Long.MAX_VALUE;
            while (System.nanoTime() - t0 < Duration.ofMinutes(2).toNanos()) {
                try (ResultSet status = history.executeQuery()) {
                    length = status.next() ? status.getLong(2) : 0;
                }
                if (length < 5000) {
                    break;
                }
                Thread.sleep(500);
            }
            progress(String.format("InnoDB history list length %d after %.1f s", length,
                    (System.nanoTime() - t0) / 1e9));
        }
    }

    private static void progress(String what) {
        System.err.println("-- " + what);
    }
}
