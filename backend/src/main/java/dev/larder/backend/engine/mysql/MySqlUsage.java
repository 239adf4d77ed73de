package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.engine.Usage;
import dev.larder.backend.engine.Usage.Measure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Size and rows per table from information_schema (InnoDB's estimates, as cheap as a catalog read), and open
 * connections per login of the datastore: its own and the personal grant logins seen in the process list.
 */
final class MySqlUsage {

    private MySqlUsage() {
    }

    static Usage of(Connection admin, ClusterEndpoint cluster, Tenant tenant) {
        List<Measure> measures = new ArrayList<>();
        try (PreparedStatement tables = admin.prepareStatement("SELECT TABLE_NAME, TABLE_ROWS,"
                + " DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            tables.setString(1, tenant.physicalName());
            try (ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    Map<String, String> table = Map.of("table", rows.getString(1));
                    measures.add(new Measure("rows", table, rows.getLong(2)));
                    measures.add(new Measure("size_bytes", table, rows.getLong(3)));
                }
            }
            try (PreparedStatement sessions = admin.prepareStatement("SELECT USER, COUNT(*) FROM"
                    + " information_schema.PROCESSLIST WHERE DB = ? OR USER = ? GROUP BY USER ORDER BY USER")) {
                sessions.setString(1, tenant.physicalName());
                sessions.setString(2, tenant.login());
                try (ResultSet rows = sessions.executeQuery()) {
                    while (rows.next()) {
                        measures.add(new Measure("connections", Map.of("user", rows.getString(1)), rows.getLong(2)));
                    }
                }
            }
        } catch (SQLException e) {
            throw MySqlStatements.failed(cluster, "read usage", e, null);
        }
        return new Usage(measures);
    }
}
