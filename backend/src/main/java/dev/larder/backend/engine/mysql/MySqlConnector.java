package dev.larder.backend.engine.mysql;

import com.mysql.cj.jdbc.Driver;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens administrative connections to tenant clusters with MySQL Connector/J. No pool: administrative work is
 * rare, and a fresh connection always carries the current admin password.
 */
@ApplicationScoped
class MySqlConnector {

    private final Driver driver;
    private final MySqlConfig config;

    MySqlConnector(MySqlConfig config) throws SQLException {
        this.driver = new Driver();
        this.config = config;
    }

    /** A connection as the datastore's own login, on its schema. */
    Connection login(ClusterEndpoint cluster, String schema, String login, Secret password) {
        Properties props = new Properties();
        props.setProperty("user", login);
        props.setProperty("password", password.value());
        props.setProperty("connectTimeout", String.valueOf(config.connectTimeout().toMillis()));
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("sslMode", "PREFERRED");
        try {
            return driver.connect("jdbc:mysql://" + cluster.host() + ":" + cluster.port() + "/"
                    + MySqlIdentifiers.checked(schema), props);
        } catch (SQLException e) {
            throw new EngineException("Cannot connect to cluster '" + cluster.name() + "' as " + login + ": "
                    + MySqlErrors.firstLine(e, password), true);
        }
    }

    Connection admin(ClusterEndpoint cluster) {
        Properties props = new Properties();
        props.setProperty("user", cluster.adminUser());
        props.setProperty("password", cluster.adminPassword().value());
        props.setProperty("connectTimeout", String.valueOf(config.connectTimeout().toMillis()));
        props.setProperty("socketTimeout", String.valueOf(config.statementTimeout().toMillis()));
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("sslMode", "PREFERRED");
        try {
            return driver.connect("jdbc:mysql://" + cluster.host() + ":" + cluster.port() + "/", props);
        } catch (SQLException e) {
            throw new EngineException("Cannot connect to cluster '" + cluster.name() + "' at " + cluster.host() + ":"
                    + cluster.port() + " as " + cluster.adminUser() + ": "
                    + MySqlErrors.firstLine(e, cluster.adminPassword()), true);
        }
    }
}
