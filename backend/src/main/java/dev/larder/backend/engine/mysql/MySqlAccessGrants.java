package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.GrantLogins;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Personal MySQL logins {@code <prefix>_<grant id>} (prefix {@code larder.access.login-prefix}, default lxa): SELECT (read) or SELECT, INSERT, UPDATE, DELETE (write) on the
 * datastore's schema only, a small connection cap, no global privilege. Revoking drops the login and ends its
 * sessions, so an open connection stops working too.
 */
@ApplicationScoped
class MySqlAccessGrants implements AccessGrants {

    private static final Logger LOG = Logger.getLogger(MySqlAccessGrants.class);

    private final MySqlConnector connector;
    private final MySqlConfig config;
    private final MySqlEngine sessions;
    private final GrantLogins names;

    MySqlAccessGrants(MySqlConnector connector, MySqlConfig config, MySqlEngine sessions,
            @ConfigProperty(name = "larder.access.login-prefix", defaultValue = "lxa") String prefix) {
        this.connector = connector;
        this.config = config;
        this.sessions = sessions;
        this.names = GrantLogins.of("", prefix);
    }

    @Override
    public String loginFor(long grantId) {
        return names.loginFor(grantId);
    }

    @Override
    public long grantIdOf(String login) {
        return names.grantIdOf(login);
    }

    @Override
    public void grant(ClusterEndpoint cluster, Tenant tenant, String login, Secret password, Level level) {
        String user = MySqlIdentifiers.checked(login);
        String privileges = level == Level.READ ? "SELECT" : "SELECT, INSERT, UPDATE, DELETE";
        try (Connection admin = connector.admin(cluster)) {
            MySqlStatements.update(admin, cluster, "create personal login", "CREATE USER IF NOT EXISTS ?@'%'"
                    + " IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS " + config.accessMaxUserConnections(), password,
                    user, password.value());
            MySqlStatements.update(admin, cluster, "set personal login password", "ALTER USER ?@'%' IDENTIFIED BY ?"
                    + " WITH MAX_USER_CONNECTIONS " + config.accessMaxUserConnections(), password, user,
                    password.value());
            MySqlStatements.update(admin, cluster, "grant personal access", "GRANT " + privileges + " ON "
                    + MySqlIdentifiers.grantPattern(tenant.physicalName()) + ".* TO ?@'%'", password, user);
            LOG.infof("Personal login %s (%s) on %s of cluster %s", user, level, tenant.physicalName(),
                    cluster.name());
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    @Override
    public void revoke(ClusterEndpoint cluster, String login) {
        sessions.revokeLogin(cluster, new Tenant(0, "", MySqlIdentifiers.checked(login)));
    }

    @Override
    public List<String> logins(ClusterEndpoint cluster) {
        List<String> logins = new ArrayList<>();
        try (Connection admin = connector.admin(cluster);
                PreparedStatement find = admin.prepareStatement(
                        "SELECT DISTINCT User FROM mysql.user WHERE User LIKE ?")) {
            find.setString(1, names.prefix().replace("_", "\\_") + "%");
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    if (grantIdOf(rows.getString(1)) >= 0) {
                        logins.add(rows.getString(1));
                    }
                }
            }
            return logins;
        } catch (SQLException e) {
            throw MySqlStatements.failed(cluster, "list personal logins", e, null);
        }
    }
}
