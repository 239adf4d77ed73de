package dev.larder.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The application beside a data change: one connection of its own, autocommit, {@code UPDATE big SET w = w + 1
 * WHERE id = ?} on random ids in 1 … rows, with a pause between statements. Each statement's latency (including the
 * time it waited for a row lock, and its own commit) is a sample; the longest is the longest lock wait it saw. It
 * waits up to {@code innodb_lock_wait_timeout = 120} s instead of failing, so a long statement beside it shows as one
 * long wait.
 */
final class ConcurrentWriter implements AutoCloseable {

    static final int LOCK_WAIT_TIMEOUT_SECONDS = 120;

    private final Connection connection;
    private final PreparedStatement update;
    private final long rows;
    private final long pauseMillis;
    private final Stats stats;
    private final Thread thread;
    private volatile boolean recording;
    private volatile boolean stopping;
    private volatile Exception failure;

    ConcurrentWriter(String name, String jdbcUrl, String user, String password, String table, long rows,
            long pauseMillis) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        try (Statement session = connection.createStatement()) {
            session.execute("SET SESSION innodb_lock_wait_timeout = " + LOCK_WAIT_TIMEOUT_SECONDS);
        }
        connection.setAutoCommit(true);
        this.update = connection.prepareStatement("UPDATE " + table + " SET w = w + 1 WHERE id = ?");
        this.rows = rows;
        this.pauseMillis = pauseMillis;
        this.stats = new Stats(name);
        this.thread = new Thread(this::loop, "concurrent-writer");
        this.thread.setDaemon(true);
    }

    /** Starts writing; samples count from {@link #record()} on (the first statements warm the connection up). */
    void start() {
        thread.start();
    }

    void record() {
        recording = true;
    }

    /** Lets the statement in flight finish (it is counted: it may be the one that waited longest) and stops. */
    Stats stop() throws Exception {
        stopping = true;
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the concurrent writer failed after " + stats.count() + " statements: "
                    + failure.getMessage(), failure);
        }
        return stats;
    }

    private void loop() {
        try {
            while (!stopping) {
                update.setLong(1, ThreadLocalRandom.current().nextLong(1, rows + 1));
                long t0 = System.nanoTime();
                update.executeUpdate();
                if (recording) {
                    stats.add(System.nanoTime() - t0);
                }
                if (pauseMillis > 0 && !stopping) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    @Override
    public void close() throws SQLException {
        stopping = true;
        connection.close();
    }
}
