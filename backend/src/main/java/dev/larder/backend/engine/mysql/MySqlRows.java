package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.DataChanges.ImageChunk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads rows as images (every column as the server renders it as text, binary columns in base64) and writes them
 * back. Identifiers come from the server's own metadata and are quoted; values are always bound parameters.
 */
final class MySqlRows {

    private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB,
            Types.BIT);

    /** Rows read from one table: column names, which are binary, and the rows keyed by primary key. */
    record Snapshot(List<String> columns, List<String> binaryColumns, Map<List<String>, List<String>> rows) {
    }

    private MySqlRows() {
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** {@code (k1, k2) IN ((?, ?), …)} or {@code k IN (?, …)} for the given keys. */
    static String keyPredicate(List<String> keyColumns, int count) {
        String one = keyColumns.size() == 1 ? "?" : "(" + String.join(", ", keyColumns.stream().map(c -> "?")
                .toList()) + ")";
        String columns = keyColumns.size() == 1 ? quote(keyColumns.get(0))
                : "(" + String.join(", ", keyColumns.stream().map(MySqlRows::quote).toList()) + ")";
        return columns + " IN (" + String.join(", ", java.util.Collections.nCopies(count, one)) + ")";
    }

    static int bindKeys(PreparedStatement statement, int first, List<List<String>> keys) throws SQLException {
        int index = first;
        for (List<String> key : keys) {
            for (String value : key) {
                statement.setString(index++, value);
            }
        }
        return index;
    }

    /** Reads rows matching {@code where} (free SQL from the reviewed statement) and the given keys, if any. */
    static Snapshot read(Connection connection, String table, List<String> keyColumns, String where,
            List<List<String>> keys, boolean forUpdate, int timeoutSeconds) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(table));
        List<String> conditions = new ArrayList<>();
        if (where != null) {
            conditions.add("(" + where + ")");
        }
        if (keys != null) {
            if (keys.isEmpty()) {
                return new Snapshot(List.of(), List.of(), new LinkedHashMap<>());
            }
            conditions.add(keyPredicate(keyColumns, keys.size()));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(String.join(", ", keyColumns.stream().map(MySqlRows::quote).toList()));
        if (forUpdate) {
            sql.append(" FOR UPDATE");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setQueryTimeout(timeoutSeconds);
            if (keys != null) {
                bindKeys(statement, 1, keys);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return snapshot(rows, keyColumns);
            }
        }
    }

    /** Only the keys of the rows matching {@code where}, in key order. */
    static List<List<String>> keys(Connection connection, String table, List<String> keyColumns, String where,
            int timeoutSeconds) throws SQLException {
        String columns = String.join(", ", keyColumns.stream().map(MySqlRows::quote).toList());
        String sql = "SELECT " + columns + " FROM " + quote(table) + " WHERE (" + where + ") ORDER BY " + columns;
        List<List<String>> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= keyColumns.size(); i++) {
                        key.add(rows.getString(i));
                    }
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static Snapshot snapshot(ResultSet rows, List<String> keyColumns) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> binary = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnName(i));
            if (BINARY.contains(meta.getColumnType(i))) {
                binary.add(meta.getColumnName(i));
            }
        }
        Map<List<String>, List<String>> result = new LinkedHashMap<>();
        while (rows.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                if (binary.contains(columns.get(i - 1))) {
                    byte[] bytes = rows.getBytes(i);
                    values.add(bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
                } else {
                    values.add(rows.getString(i));
                }
            }
            List<String> key = new ArrayList<>();
            for (String keyColumn : keyColumns) {
                key.add(values.get(columns.indexOf(keyColumn)));
            }
            result.put(key, values);
        }
        return new Snapshot(columns, binary, result);
    }

    /** Keys (rendered {@code table(k=v)}) whose current row differs from the image's after-state. */
    static List<String> changed(Connection connection, ImageChunk chunk, boolean forUpdate, int timeoutSeconds)
            throws SQLException {
        List<List<String>> keys = chunk.rows().stream().map(ImageChunk.Row::key).toList();
        Snapshot now = read(connection, chunk.table(), chunk.keyColumns(), null, keys, forUpdate, timeoutSeconds);
        List<String> changed = new ArrayList<>();
        for (ImageChunk.Row row : chunk.rows()) {
            List<String> current = now.rows().get(row.key());
            List<String> expected = row.after();
            boolean same = expected == null ? current == null
                    : current != null && now.columns().equals(chunk.columns()) && Objects.equals(current, expected);
            if (!same) {
                changed.add(describe(chunk, row.key()));
            }
        }
        return changed;
    }


    static String describe(ImageChunk chunk, List<String> key) {
        StringBuilder text = new StringBuilder(chunk.table()).append('(');
        for (int i = 0; i < key.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(chunk.keyColumns().get(i)).append('=').append(key.get(i));
        }
        return text.append(')').toString();
    }

    /** Puts one row back as its before-image says: update it, re-insert it, or delete it. */
    static void restore(Connection connection, ImageChunk chunk, ImageChunk.Row row, int timeoutSeconds)
            throws SQLException {
        String table = quote(chunk.table());
        String keyWhere = keyPredicate(chunk.keyColumns(), 1);
        if (row.before() == null) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE " + keyWhere)) {
                delete.setQueryTimeout(timeoutSeconds);
                bindKeys(delete, 1, List.of(row.key()));
                delete.executeUpdate();
            }
            return;
        }
        if (row.after() == null) {
            String columns = String.join(", ", chunk.columns().stream().map(MySqlRows::quote).toList());
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.columns().size(), "?"));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + columns
                    + ") VALUES (" + marks + ")")) {
                insert.setQueryTimeout(timeoutSeconds);
                bindValues(insert, 1, chunk, row.before(), chunk.columns());
                insert.executeUpdate();
            }
            return;
        }
        List<String> nonKey = chunk.columns().stream().filter(c -> !chunk.keyColumns().contains(c)).toList();
        if (nonKey.isEmpty()) {
            return;
        }
        String sets = String.join(", ", nonKey.stream().map(c -> quote(c) + " = ?").toList());
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET " + sets + " WHERE "
                + keyWhere)) {
            update.setQueryTimeout(timeoutSeconds);
            int next = bindValues(update, 1, chunk, row.before(), nonKey);
            bindKeys(update, next, List.of(row.key()));
            update.executeUpdate();
        }
    }

    private static int bindValues(PreparedStatement statement, int first, ImageChunk chunk, List<String> values,
            List<String> columns) throws SQLException {
        int index = first;
        for (String column : columns) {
            String value = values.get(chunk.columns().indexOf(column));
            if (value == null) {
                statement.setNull(index++, Types.NULL);
            } else if (chunk.binaryColumns().contains(column)) {
                statement.setBytes(index++, Base64.getDecoder().decode(value));
            } else {
                statement.setString(index++, value);
            }
        }
        return index;
    }
}
