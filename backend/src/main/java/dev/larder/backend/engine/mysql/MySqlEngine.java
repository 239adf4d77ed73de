package dev.larder.backend.engine.mysql;

import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Credentials;
import dev.larder.backend.engine.DataChanges;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.engine.Usage;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A MySQL datastore is a schema {@code <service>_<name>} and a login that holds privileges on that schema only:
 * no global privilege, no GRANT OPTION, a connection cap. Every step is written so that running it again after
 * a crash finishes the job instead of failing.
 */
@ApplicationScoped
public class MySqlEngine implements DatastoreEngine {

    private static final Logger LOG = Logger.getLogger(MySqlEngine.class);

    /** What a service needs to own its schema and run its migrations; nothing that reaches other schemas. */
    static final String SCHEMA_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES,"
            + " CREATE VIEW, SHOW VIEW, TRIGGER, CREATE TEMPORARY TABLES";

    private final MySqlConnector connector;
    private final MySqlConfig config;
    private final MySqlMigrator migrator;
    private final MySqlDataChanges dataChanges;
    private final Instance<MySqlAccessGrants> accessGrants;

    MySqlEngine(MySqlConnector connector, MySqlConfig config, MySqlMigrator migrator, MySqlDataChanges dataChanges,
            Instance<MySqlAccessGrants> accessGrants) {
        this.connector = connector;
        this.config = config;
        this.migrator = migrator;
        this.dataChanges = dataChanges;
        this.accessGrants = accessGrants;
    }

    @Override
    public Optional<AccessGrants> accessGrants() {
        return Optional.of(accessGrants.get());
    }

    @Override
    public Optional<DataChanges> dataChanges() {
        return Optional.of(dataChanges);
    }

    @Override
    public DatastoreKind kind() {
        return DatastoreKind.MYSQL;
    }

    @Override
    public Tenant naming(long datastoreId, Environment environment, String service, String datastore) {
        String schema = MySqlIdentifiers.checked(service + "_" + datastore);
        return new Tenant(datastoreId, schema, MySqlIdentifiers.loginFor(schema));
    }

    @Override
    public void provision(ClusterEndpoint cluster, Tenant tenant, Secret password) {
        String login = MySqlIdentifiers.checked(tenant.login());
        try (Connection admin = connector.admin(cluster)) {
            MySqlStatements.run(admin, cluster, "create schema", "CREATE DATABASE IF NOT EXISTS "
                    + MySqlIdentifiers.quoted(tenant.physicalName()) + " CHARACTER SET utf8mb4", password);
            // Both statements: CREATE covers a fresh run, ALTER converges a login left by an interrupted run.
            MySqlStatements.update(admin, cluster, "create login", "CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ? WITH"
                    + " MAX_USER_CONNECTIONS " + config.maxUserConnections(), password, login, password.value());
            MySqlStatements.update(admin, cluster, "set login password", "ALTER USER ?@'%' IDENTIFIED BY ? WITH"
                    + " MAX_USER_CONNECTIONS " + config.maxUserConnections(), password, login, password.value());
            MySqlStatements.update(admin, cluster, "grant schema privileges", "GRANT " + SCHEMA_PRIVILEGES + " ON "
                    + MySqlIdentifiers.grantPattern(tenant.physicalName()) + ".* TO ?@'%'", password, login);
            LOG.infof("Provisioned schema %s with login %s on cluster %s", tenant.physicalName(), login,
                    cluster.name());
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    @Override
    public void rotate(ClusterEndpoint cluster, Tenant tenant, Secret newPassword) {
        try (Connection admin = connector.admin(cluster)) {
            MySqlStatements.update(admin, cluster, "set login password", "ALTER USER ?@'%' IDENTIFIED BY ?", newPassword,
                    MySqlIdentifiers.checked(tenant.login()), newPassword.value());
            LOG.infof("Rotated the password of login %s on cluster %s", tenant.login(), cluster.name());
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    @Override
    public void revokeLogin(ClusterEndpoint cluster, Tenant tenant) {
        String login = MySqlIdentifiers.checked(tenant.login());
        try (Connection admin = connector.admin(cluster)) {
            // Drop first so nobody reconnects, then end the sessions DROP USER leaves open.
            MySqlStatements.update(admin, cluster, "drop login", "DROP USER IF EXISTS ?@'%'", null, login);
            int killed = killSessions(admin, cluster, login);
            LOG.infof("Revoked login %s on cluster %s (%d open sessions ended)", login, cluster.name(), killed);
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    @Override
    public void dropData(ClusterEndpoint cluster, Tenant tenant) {
        try (Connection admin = connector.admin(cluster)) {
            MySqlStatements.run(admin, cluster, "drop schema", "DROP DATABASE IF EXISTS "
                    + MySqlIdentifiers.quoted(tenant.physicalName()), null);
            LOG.infof("Dropped schema %s on cluster %s", tenant.physicalName(), cluster.name());
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    @Override
    public MigrationOutcome migrate(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> scripts) {
        return migrator.migrate(cluster, tenant.physicalName(), tenant.login(), password, scripts);
    }

    @Override
    public void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history) {
        migrator.shadowRun(cluster, tenant, history);
    }

    @Override
    public List<String> repair(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> history) {
        return migrator.repair(cluster, tenant.physicalName(), tenant.login(), password, history);
    }

    @Override
    public Map<String, Object> connection(List<ClusterEndpoint> clusters, Tenant tenant, Credentials credentials) {
        ClusterEndpoint first = clusters.get(0);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("database", tenant.physicalName());
        fields.put("jdbcUrl", "jdbc:mysql://" + first.host() + ":" + first.port() + "/" + tenant.physicalName());
        fields.put("mysqlCommand", "mysql -h " + first.host() + " -P " + first.port() + " -u " + credentials.login()
                + " -p'" + credentials.password().value() + "' " + tenant.physicalName());
        return fields;
    }

    @Override
    public Usage usage(ClusterEndpoint cluster, Tenant tenant) {
        try (Connection admin = connector.admin(cluster)) {
            return MySqlUsage.of(admin, cluster, tenant);
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    private int killSessions(Connection admin, ClusterEndpoint cluster, String login) {
        List<Long> sessions = new ArrayList<>();
        try (PreparedStatement find = admin.prepareStatement(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            find.setString(1, login);
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    sessions.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw MySqlStatements.failed(cluster, "list sessions", e, null);
        }
        int killed = 0;
        for (long id : sessions) {
            try (Statement kill = admin.createStatement()) {
                kill.execute("KILL CONNECTION " + id);
                killed++;
            } catch (SQLException e) {
                // The session ended by itself between the listing and the kill: that is the outcome we want.
                LOG.debugf("Session %s of %s already gone (error %s)", Long.toString(id), login, e.getErrorCode());
            }
        }
        return killed;
    }
}
