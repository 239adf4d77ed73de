package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.secrets.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one administrative statement and turns a refusal into an EngineException with secrets blanked out. */
final class MySqlStatements {

    private MySqlStatements() {
    }

    static void run(Connection admin, ClusterEndpoint cluster, String what, String sql, Secret secret) {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failed(cluster, what, e, secret);
        }
    }

    /** Parameters are bound by the driver (client-side), so logins and passwords are quoted correctly. */
    static void update(Connection admin, ClusterEndpoint cluster, String what, String sql, Secret secret,
            String... params) {
        try (PreparedStatement statement = admin.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw failed(cluster, what, e, secret);
        }
    }

    static EngineException failed(ClusterEndpoint cluster, String what, SQLException e, Secret secret) {
        boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
        return new EngineException("Cluster '" + cluster.name() + "' could not " + what + ": "
                + MySqlErrors.firstLine(e, secret, cluster.adminPassword()), unreachable);
    }

    static EngineException closing(ClusterEndpoint cluster, SQLException e) {
        return new EngineException("Cluster '" + cluster.name() + "' failed while closing the connection: "
                + MySqlErrors.firstLine(e, cluster.adminPassword()), true);
    }
}
