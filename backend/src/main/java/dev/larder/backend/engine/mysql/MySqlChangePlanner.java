package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DataChanges.DataChangePlan;
import dev.larder.backend.engine.DataChanges.Finding;
import dev.larder.backend.engine.DataChanges.PlannedStatement;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Checks data-change statements with JSqlParser and the live schema, and estimates the rows each touches
 * (COUNT with the statement's own WHERE, or EXPLAIN when counting takes too long). Nothing is changed.
 */
final class MySqlChangePlanner {

    private static final int ESTIMATE_TIMEOUT_SECONDS = 10;

    /** A statement as parsed: what it does, to which table, under which condition. */
    record Parsed(int index, String sql, Statement statement, String operation, String table, String where,
            List<String> insertColumns, List<List<String>> insertRows, List<String> setColumns) {
    }

    private MySqlChangePlanner() {
    }

    static DataChangePlan plan(Connection connection, ClusterEndpoint cluster, Tenant tenant, List<String> statements,
            int maxStatements) {
        List<Finding> findings = new ArrayList<>();
        List<PlannedStatement> planned = new ArrayList<>();
        if (statements.isEmpty()) {
            findings.add(error("datachange.empty", null, "a data change needs at least one statement"));
        }
        if (statements.size() > maxStatements) {
            findings.add(error("datachange.too-many-statements", null, statements.size()
                    + " statements; at most " + maxStatements + " per change — split it"));
        }
        for (int i = 0; i < statements.size(); i++) {
            Parsed parsed = parse(i, statements.get(i), tenant.physicalName(), findings);
            if (parsed == null) {
                continue;
            }
            try {
                List<String> key = primaryKey(connection, tenant.physicalName(), parsed.table());
                if (key == null) {
                    findings.add(error("datachange.unknown-table", i, "table '" + parsed.table()
                            + "' does not exist in " + tenant.physicalName()));
                    continue;
                }
                if (key.isEmpty()) {
                    findings.add(error("datachange.no-primary-key", i, "table '" + parsed.table()
                            + "' has no primary key, so Larder cannot keep a before-image by key or roll the change"
                            + " back; add a primary key with a migration first"));
                    continue;
                }
                if (!checkKeys(parsed, key, findings)) {
                    continue;
                }
                planned.add(estimate(connection, parsed, key));
            } catch (SQLException e) {
                findings.add(error("datachange.server", i, "the server refused to look at this statement: "
                        + MySqlErrors.firstLine(e)));
            }
        }
        return new DataChangePlan(planned, findings);
    }

    static Parsed parse(int index, String sql, String ownSchema, List<Finding> findings) {
        String text = sql == null ? "" : sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            findings.add(error("datachange.empty", index, "the statement is empty"));
            return null;
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(text, parser -> parser.withBackslashEscapeCharacter(true));
        } catch (JSQLParserException | RuntimeException e) {
            String message = e.getMessage() == null ? "unparsable" : e.getMessage().lines().findFirst().orElse("");
            findings.add(error("datachange.unparsable", index, "not a statement Larder can read: "
                    + (message.length() > 200 ? message.substring(0, 200) + "…" : message)));
            return null;
        }
        int checks = findings.size();
        Parsed parsed;
        if (statement instanceof Update update) {
            parsed = update(index, text, update, findings);
        } else if (statement instanceof Delete delete) {
            parsed = delete(index, text, delete, findings);
        } else if (statement instanceof Insert insert) {
            parsed = insert(index, text, insert, findings);
        } else {
            findings.add(error("datachange.statement-type", index, "only INSERT, UPDATE and DELETE are allowed"
                    + " in a data change (this is " + statement.getClass().getSimpleName().toUpperCase(Locale.ROOT)
                    + "); schema changes go through migrations"));
            return null;
        }
        try {
            for (String name : new TablesNamesFinder<Void>().getTables(statement)) {
                String clean = name.replace("`", "");
                int dot = clean.lastIndexOf('.');
                if (dot > 0 && !clean.substring(0, dot).equalsIgnoreCase(ownSchema)) {
                    findings.add(error("datachange.other-schema", index, "'" + clean + "' is outside this datastore's"
                            + " schema " + ownSchema));
                }
            }
        } catch (UnsupportedOperationException e) {
            findings.add(error("datachange.unparsable", index, "Larder cannot tell which tables this statement"
                    + " reads; write it more simply"));
        }
        return findings.size() > checks || parsed == null ? null : parsed;
    }

    private static Parsed update(int index, String sql, Update update, List<Finding> findings) {
        if (update.getJoins() != null && !update.getJoins().isEmpty() || update.getStartJoins() != null
                && !update.getStartJoins().isEmpty() || update.getFromItem() != null) {
            findings.add(error("datachange.single-table", index, "UPDATE must change one table, without joins"));
        }
        requireWhere(index, "UPDATE", update.getWhere(), findings);
        noLimitOrOrder(index, "UPDATE", update.getLimit() != null, update.getOrderByElements(), findings);
        List<String> set = new ArrayList<>();
        for (UpdateSet updateSet : update.getUpdateSets()) {
            for (Column column : updateSet.getColumns()) {
                set.add(unquote(column.getColumnName()));
            }
        }
        return new Parsed(index, sql, update, "update", tableName(update.getTable()), text(update.getWhere()), null,
                null, set);
    }

    private static Parsed delete(int index, String sql, Delete delete, List<Finding> findings) {
        if (delete.getTables() != null && !delete.getTables().isEmpty() || delete.getJoins() != null
                && !delete.getJoins().isEmpty() || delete.getUsingList() != null && !delete.getUsingList().isEmpty()) {
            findings.add(error("datachange.single-table", index, "DELETE must remove rows from one table, without"
                    + " joins"));
        }
        requireWhere(index, "DELETE", delete.getWhere(), findings);
        noLimitOrOrder(index, "DELETE", delete.getLimit() != null, delete.getOrderByElements(), findings);
        return new Parsed(index, sql, delete, "delete", tableName(delete.getTable()), text(delete.getWhere()), null,
                null, List.of());
    }

    private static Parsed insert(int index, String sql, Insert insert, List<Finding> findings) {
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            findings.add(error("datachange.insert-columns", index, "INSERT must name its columns, e.g."
                    + " INSERT INTO orders (id, status) VALUES (…)"));
            return null;
        }
        if (insert.getDuplicateUpdateSets() != null && !insert.getDuplicateUpdateSets().isEmpty()
                || insert.getSetUpdateSets() != null && !insert.getSetUpdateSets().isEmpty()) {
            findings.add(error("datachange.insert-form", index, "INSERT … SET and ON DUPLICATE KEY UPDATE are not"
                    + " supported; write plain INSERT … VALUES and UPDATE statements"));
            return null;
        }
        if (insert.getValues() == null) {
            findings.add(error("datachange.insert-form", index, "INSERT … SELECT is not supported; list the rows"
                    + " with VALUES so the change can be estimated and rolled back"));
            return null;
        }
        List<String> columns = insert.getColumns().stream().map(c -> unquote(c.getColumnName())).toList();
        List<List<String>> rows = new ArrayList<>();
        ExpressionList<?> values = insert.getValues().getExpressions();
        boolean multi = !values.isEmpty() && values.get(0) instanceof ExpressionList<?>;
        if (multi) {
            for (Object row : values) {
                rows.add(((ExpressionList<?>) row).stream().map(Object::toString).toList());
            }
        } else {
            rows.add(values.stream().map(Object::toString).toList());
        }
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                findings.add(error("datachange.insert-columns", index, "a row has " + row.size() + " values for "
                        + columns.size() + " columns"));
                return null;
            }
        }
        return new Parsed(index, sql, insert, "insert", tableName(insert.getTable()), null, columns, rows, List.of());
    }

    private static boolean checkKeys(Parsed parsed, List<String> key, List<Finding> findings) {
        if ("update".equals(parsed.operation()) && parsed.setColumns().stream().anyMatch(c -> containsIgnoreCase(key,
                c))) {
            findings.add(error("datachange.key-update", parsed.index(), "UPDATE changes the primary key of '"
                    + parsed.table() + "'; rows are tracked by key, so delete and insert them instead"));
            return false;
        }
        if ("insert".equals(parsed.operation()) && parsed.insertRows().size() > 1
                && !key.stream().allMatch(k -> containsIgnoreCase(parsed.insertColumns(), k))) {
            findings.add(error("datachange.insert-key", parsed.index(), "an INSERT of several rows must give the"
                    + " primary key " + key + " of each row, so Larder knows exactly which rows to remove on rollback"));
            return false;
        }
        return true;
    }

    private static PlannedStatement estimate(Connection connection, Parsed parsed, List<String> key)
            throws SQLException {
        if ("insert".equals(parsed.operation())) {
            return new PlannedStatement(parsed.index(), parsed.sql(), "insert", parsed.table(), key,
                    parsed.insertRows().size(), "values");
        }
        String from = MySqlRows.quote(parsed.table()) + " WHERE " + parsed.where();
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + from)) {
            count.setQueryTimeout(ESTIMATE_TIMEOUT_SECONDS);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return new PlannedStatement(parsed.index(), parsed.sql(), parsed.operation(), parsed.table(), key,
                        rows.getLong(1), "count");
            }
        } catch (SQLException timedOut) {
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT * FROM " + from);
                    ResultSet rows = explain.executeQuery()) {
                long estimate = 0;
                while (rows.next()) {
                    estimate = Math.max(estimate, rows.getLong("rows"));
                }
                return new PlannedStatement(parsed.index(), parsed.sql(), parsed.operation(), parsed.table(), key,
                        estimate, "explain");
            }
        }
    }

    /** The primary key columns in order; empty when the table has none; null when there is no such table. */
    static List<String> primaryKey(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            exists.setString(1, schema);
            exists.setString(2, table);
            try (ResultSet rows = exists.executeQuery()) {
                rows.next();
                if (rows.getInt(1) == 0) {
                    return null;
                }
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement columns = connection.prepareStatement("SELECT COLUMN_NAME FROM"
                + " information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            columns.setString(1, schema);
            columns.setString(2, table);
            try (ResultSet rows = columns.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return key;
    }

    private static void requireWhere(int index, String what, Expression where, List<Finding> findings) {
        if (where == null) {
            findings.add(error("datachange.where-required", index, what + " without WHERE would touch every row;"
                    + " add a WHERE clause (WHERE 1=1 if you really mean all rows)"));
        }
    }

    private static void noLimitOrOrder(int index, String what, boolean limit, List<?> orderBy,
            List<Finding> findings) {
        if (limit) {
            findings.add(error("datachange.no-limit", index, what + " with LIMIT touches rows that depend on the"
                    + " execution plan; say which rows in the WHERE clause"));
        }
        if (orderBy != null && !orderBy.isEmpty()) {
            findings.add(error("datachange.no-order-by", index, what + " with ORDER BY is not allowed; say which"
                    + " rows in the WHERE clause"));
        }
    }

    private static String tableName(Table table) {
        return table == null ? "" : unquote(table.getName());
    }

    private static String unquote(String name) {
        return name == null ? null : name.replace("`", "");
    }

    private static String text(Expression expression) {
        return expression == null ? null : expression.toString();
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    static Finding error(String rule, Integer statement, String message) {
        return new Finding(rule, "ERROR", statement, message);
    }

    static EngineException connectionFailure(ClusterEndpoint cluster, SQLException e, Secret password) {
        return new EngineException("Cluster '" + cluster.name() + "': " + MySqlErrors.firstLine(e, password), true);
    }
}
