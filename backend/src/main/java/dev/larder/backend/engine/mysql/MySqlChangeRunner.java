package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.DataChangeRefused;
import dev.larder.backend.engine.DataChanges.DataChangePlan;
import dev.larder.backend.engine.DataChanges.ExecutionReport;
import dev.larder.backend.engine.DataChanges.Guard;
import dev.larder.backend.engine.DataChanges.ImageChunk;
import dev.larder.backend.engine.DataChanges.ImageSink;
import dev.larder.backend.engine.DataChanges.PlannedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs a reviewed plan under its guard. Small changes run in one transaction; a statement above
 * {@code maxRowsPerTransaction} runs in chunks by primary key, each its own short transaction, with the chunk size
 * adjusted so no transaction holds its locks longer than half the chunk time. Every unit captures its before- and
 * after-image and hands them to the sink before it commits.
 */
final class MySqlChangeRunner {

    private static final Logger LOG = Logger.getLogger(MySqlChangeRunner.class);
    private static final int FIRST_CHUNK = 200;

    private final Connection connection;
    private final String schema;
    private final Guard guard;
    private final ImageSink sink;
    private final int timeout;
    private final List<Long> affected = new ArrayList<>();
    private long longestTransactionMs;
    private int transactions;
    private final long start = System.nanoTime();

    MySqlChangeRunner(Connection connection, String schema, Guard guard, ImageSink sink) throws SQLException {
        this.connection = connection;
        this.schema = schema;
        this.guard = guard;
        this.sink = sink;
        this.timeout = (int) Math.max(1, guard.statementTimeout().toSeconds());
        int lockWait = (int) Math.max(1, guard.lockWaitTimeout().toSeconds());
        try (Statement session = connection.createStatement()) {
            session.execute("SET SESSION innodb_lock_wait_timeout = " + lockWait);
            session.execute("SET SESSION lock_wait_timeout = " + lockWait);
        }
        connection.setAutoCommit(false);
    }

    ExecutionReport run(DataChangePlan plan) throws SQLException {
        if (plan.estimatedRows() <= guard.maxRowsPerTransaction()) {
            runInOneTransaction(plan.statements());
        } else {
            for (PlannedStatement statement : plan.statements()) {
                if ("insert".equals(statement.operation())) {
                    runInOneTransaction(List.of(statement));
                } else {
                    runInChunks(statement);
                }
            }
        }
        return report();
    }

    private void runInOneTransaction(List<PlannedStatement> statements) throws SQLException {
        long began = System.nanoTime();
        List<ImageChunk> images = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        try {
            for (PlannedStatement statement : statements) {
                MySqlChangePlanner.Parsed parsed = reparse(statement);
                ImageChunk image;
                long count;
                if ("insert".equals(statement.operation())) {
                    count = execute(statement.sql(), List.of());
                    image = inserted(statement, parsed);
                } else {
                    MySqlRows.Snapshot before = MySqlRows.read(connection, statement.table(), statement.primaryKey(),
                            parsed.where(), null, true, timeout);
                    checkTolerance(statement, before.rows().size());
                    count = execute(statement.sql(), List.of());
                    image = image(statement, 0, before, "update".equals(statement.operation()));
                    if (count != before.rows().size()) {
                        throw new DataChangeRefused("Statement " + (statement.index() + 1) + " touched " + count
                                + " rows but the before-image holds " + before.rows().size()
                                + "; nothing was changed", statement.sql(), report());
                    }
                }
                counts.add(count);
                images.add(image);
            }
            images.forEach(sink::store);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        affected.addAll(counts);
        finished(began);
    }

    private void runInChunks(PlannedStatement statement) throws SQLException {
        MySqlChangePlanner.Parsed parsed = reparse(statement);
        List<List<String>> keys = MySqlRows.keys(connection, statement.table(), statement.primaryKey(), parsed.where(),
                timeout);
        connection.commit();
        checkTolerance(statement, keys.size());
        long total = 0;
        int size = Math.min(FIRST_CHUNK, guard.maxRowsPerTransaction());
        int chunkNo = 0;
        for (int from = 0; from < keys.size(); ) {
            List<List<String>> chunk = keys.subList(from, Math.min(keys.size(), from + size));
            long began = System.nanoTime();
            try {
                MySqlRows.Snapshot before = MySqlRows.read(connection, statement.table(), statement.primaryKey(),
                        parsed.where(), chunk, true, timeout);
                String sql = chunked(statement, parsed, chunk.size());
                long count = execute(sql, chunk);
                if (count != before.rows().size()) {
                    throw new DataChangeRefused("Chunk " + (chunkNo + 1) + " of statement " + (statement.index() + 1)
                            + " touched " + count + " rows but its before-image holds " + before.rows().size()
                            + "; this chunk was rolled back, " + transactions + " earlier transaction(s) committed"
                            + " (roll them back with the rollback endpoint)", statement.sql(), report());
                }
                sink.store(image(statement, chunkNo, before, "update".equals(statement.operation())));
                connection.commit();
                total += count;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            long ms = finished(began);
            from += chunk.size();
            chunkNo++;
            long target = guard.chunkTime().toMillis() / 2;
            if (ms > target && size > 1) {
                size = Math.max(1, size / 2);
            } else if (ms < target / 2) {
                size = Math.min(guard.maxRowsPerTransaction(), size * 2);
            }
            pause();
        }
        affected.add(total);
        LOG.debugf("Statement %d ran in %d chunks", statement.index() + 1, chunkNo);
    }

    /** The statement restricted to a chunk's keys: {@code … WHERE (original condition) AND key IN (…)}. */
    private static String chunked(PlannedStatement statement, MySqlChangePlanner.Parsed parsed, int keys) {
        String condition = "(" + parsed.where() + ") AND " + MySqlRows.keyPredicate(statement.primaryKey(), keys);
        if ("delete".equals(statement.operation())) {
            return "DELETE FROM " + MySqlRows.quote(statement.table()) + " WHERE " + condition;
        }
        var update = (net.sf.jsqlparser.statement.update.Update) parsed.statement();
        String sets = String.join(", ", update.getUpdateSets().stream().map(Object::toString).toList());
        return "UPDATE " + MySqlRows.quote(statement.table()) + " SET " + sets + " WHERE " + condition;
    }

    private long execute(String sql, List<List<String>> keys) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeout);
            MySqlRows.bindKeys(statement, 1, keys);
            return statement.executeLargeUpdate();
        }
    }

    private ImageChunk image(PlannedStatement statement, int chunkNo, MySqlRows.Snapshot before, boolean update)
            throws SQLException {
        List<List<String>> keys = new ArrayList<>(before.rows().keySet());
        MySqlRows.Snapshot after = update ? MySqlRows.read(connection, statement.table(), statement.primaryKey(), null,
                keys, false, timeout) : null;
        List<ImageChunk.Row> rows = new ArrayList<>();
        before.rows().forEach((key, values) -> rows.add(new ImageChunk.Row(key, values,
                after == null ? null : after.rows().get(key))));
        return new ImageChunk(statement.index(), chunkNo, statement.table(), statement.primaryKey(), before.columns(),
                before.binaryColumns(), rows);
    }

    /** The after-image of inserted rows, found by the keys the INSERT gave or, for one row, by LAST_INSERT_ID(). */
    private ImageChunk inserted(PlannedStatement statement, MySqlChangePlanner.Parsed parsed) throws SQLException {
        List<String> key = statement.primaryKey();
        boolean keysGiven = key.stream().allMatch(k -> parsed.insertColumns().stream().anyMatch(k::equalsIgnoreCase));
        String where;
        if (keysGiven) {
            List<String> tuples = new ArrayList<>();
            for (List<String> row : parsed.insertRows()) {
                List<String> values = new ArrayList<>();
                for (String k : key) {
                    int column = indexOfIgnoreCase(parsed.insertColumns(), k);
                    values.add(row.get(column));
                }
                tuples.add(key.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")");
            }
            String columns = key.size() == 1 ? MySqlRows.quote(key.get(0))
                    : "(" + String.join(", ", key.stream().map(MySqlRows::quote).toList()) + ")";
            where = columns + " IN (" + String.join(", ", tuples) + ")";
        } else {
            where = MySqlRows.quote(key.get(0)) + " = LAST_INSERT_ID()";
        }
        MySqlRows.Snapshot after = MySqlRows.read(connection, statement.table(), key, where, null, false, timeout);
        List<ImageChunk.Row> rows = new ArrayList<>();
        after.rows().forEach((k, values) -> rows.add(new ImageChunk.Row(k, null, values)));
        if (rows.size() != parsed.insertRows().size()) {
            throw new DataChangeRefused("Statement " + (statement.index() + 1) + " inserted rows Larder cannot find"
                    + " again by key; nothing was changed", statement.sql(), report());
        }
        return new ImageChunk(statement.index(), 0, statement.table(), key, after.columns(), after.binaryColumns(),
                rows);
    }

    private void checkTolerance(PlannedStatement statement, long actual) {
        long estimate = statement.estimatedRows();
        long allowed = Math.max(guard.toleranceRows(), (long) Math.ceil(estimate * guard.tolerance()));
        if (Math.abs(actual - estimate) > allowed) {
            throw new DataChangeRefused("Statement " + (statement.index() + 1) + " would touch " + actual
                    + " rows; the approved estimate was " + estimate + " (tolerance " + allowed + "). The data has"
                    + " changed since the review: nothing was changed; submit the change again", statement.sql(),
                    report());
        }
    }

    private long finished(long began) {
        long ms = (System.nanoTime() - began) / 1_000_000;
        longestTransactionMs = Math.max(longestTransactionMs, ms);
        transactions++;
        return ms;
    }

    private void pause() {
        try {
            Thread.sleep(guard.chunkPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MySqlChangePlanner.Parsed reparse(PlannedStatement statement) {
        List<dev.larder.backend.engine.DataChanges.Finding> findings = new ArrayList<>();
        MySqlChangePlanner.Parsed parsed = MySqlChangePlanner.parse(statement.index(), statement.sql(), schema,
                findings);
        if (parsed == null) {
            throw new DataChangeRefused("Statement " + (statement.index() + 1) + " no longer passes its checks",
                    statement.sql(), report());
        }
        return parsed;
    }

    ExecutionReport report() {
        return new ExecutionReport(Collections.unmodifiableList(new ArrayList<>(affected)),
                (System.nanoTime() - start) / 1_000_000, longestTransactionMs, transactions);
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
