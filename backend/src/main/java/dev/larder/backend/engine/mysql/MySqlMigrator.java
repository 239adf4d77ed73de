package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.MigrationFailure;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.jboss.logging.Logger;

/**
 * Flyway as a library, once per cluster and bundle. Scripts are written to a private temporary folder (Flyway reads
 * locations, not strings) and applied with the datastore's own login, so a migration can do nothing its owner's
 * login could not. The shadow run uses a throwaway schema and login of its own on the same cluster.
 */
@ApplicationScoped
class MySqlMigrator {

    private static final Logger LOG = Logger.getLogger(MySqlMigrator.class);
    private static final Pattern FILE = Pattern.compile("V[0-9]+(?:[._][0-9]+)*__[A-Za-z0-9_ -]+\\.sql");
    private static final Pattern DDL = Pattern.compile("(?is)\\b(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b");
    static final String HISTORY_TABLE = "flyway_schema_history";

    private final MySqlConnector connector;
    private final MySqlConfig config;
    private final SecureRandom random = new SecureRandom();

    MySqlMigrator(MySqlConnector connector, MySqlConfig config) {
        this.connector = connector;
        this.config = config;
    }

    MigrationOutcome migrate(ClusterEndpoint cluster, String schema, String login, Secret password,
            List<MigrationScript> scripts) {
        Path folder = write(scripts);
        try {
            Flyway flyway = flyway(cluster, schema, login, password, folder);
            long start = System.nanoTime();
            MigrateResult result = flyway.migrate();
            long durationMs = (System.nanoTime() - start) / 1_000_000;
            List<String> applied = result.migrations.stream().map(m -> m.version).toList();
            LOG.infof("Migrated %s on cluster %s: %s in %d ms", schema, cluster.name(), applied, durationMs);
            return new MigrationOutcome(applied, durationMs, List.copyOf(result.warnings == null ? List.of()
                    : result.warnings));
        } catch (FlywayException e) {
            throw failure("Migration of " + schema + " failed on cluster '" + cluster.name() + "'", e, scripts,
                    password, cluster.adminPassword());
        } finally {
            delete(folder);
        }
    }

    void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history) {
        String shadow = "lsh_" + tenant.datastoreId() + "_" + suffix();
        Secret password = new Secret(suffix() + suffix() + suffix() + suffix());
        try (Connection admin = connector.admin(cluster)) {
            try {
                MySqlStatements.run(admin, cluster, "create shadow schema", "CREATE DATABASE "
                        + MySqlIdentifiers.quoted(shadow) + " CHARACTER SET utf8mb4", password);
                MySqlStatements.update(admin, cluster, "create shadow login", "CREATE USER ?@'%' IDENTIFIED BY ?",
                        password, shadow, password.value());
                MySqlStatements.update(admin, cluster, "grant shadow privileges", "GRANT "
                        + MySqlEngine.SCHEMA_PRIVILEGES + " ON " + MySqlIdentifiers.grantPattern(shadow)
                        + ".* TO ?@'%'", password, shadow);
                migrate(cluster, shadow, shadow, password, history);
            } catch (MigrationFailure e) {
                throw new MigrationFailure("Shadow run failed on cluster '" + cluster.name() + "' before "
                        + tenant.physicalName() + " was touched: " + e.getMessage(), e.version(), e.file(),
                        e.statement(), e.serverError(), e.appliedBefore(), false);
            } finally {
                MySqlStatements.run(admin, cluster, "drop shadow schema", "DROP DATABASE IF EXISTS "
                        + MySqlIdentifiers.quoted(shadow), null);
                MySqlStatements.update(admin, cluster, "drop shadow login", "DROP USER IF EXISTS ?@'%'", null,
                        shadow);
            }
        } catch (SQLException e) {
            throw MySqlStatements.closing(cluster, e);
        }
    }

    List<String> repair(ClusterEndpoint cluster, String schema, String login, Secret password,
            List<MigrationScript> history) {
        Path folder = write(history);
        try {
            RepairResult result = flyway(cluster, schema, login, password, folder).repair();
            List<String> actions = new ArrayList<>(result.repairActions == null ? List.of() : result.repairActions);
            if (result.migrationsRemoved != null) {
                result.migrationsRemoved.forEach(m -> actions.add("removed failed entry for version " + m.version));
            }
            return actions;
        } catch (FlywayException e) {
            throw new MigrationFailure("Repair of " + schema + " failed on cluster '" + cluster.name() + "': "
                    + MySqlErrors.redact(e.getMessage(), password, cluster.adminPassword()), null, null, null,
                    MySqlErrors.redact(e.getMessage(), password, cluster.adminPassword()), List.of(), false);
        } finally {
            delete(folder);
        }
    }

    private Flyway flyway(ClusterEndpoint cluster, String schema, String login, Secret password, Path folder) {
        String url = "jdbc:mysql://" + cluster.host() + ":" + cluster.port() + "/" + MySqlIdentifiers.checked(schema)
                + "?connectTimeout=" + config.connectTimeout().toMillis()
                + "&socketTimeout=" + config.statementTimeout().toMillis() + "&allowPublicKeyRetrieval=true";
        return Flyway.configure(MySqlMigrator.class.getClassLoader())
                .dataSource(url, login, password.value())
                .locations("filesystem:" + folder)
                .table(HISTORY_TABLE)
                .createSchemas(false)
                .cleanDisabled(true)
                .outOfOrder(false)
                .validateOnMigrate(true)
                // Keep Flyway's default "*:future" beside "*:missing". A cluster can hold versions Larder has not
                // recorded as applied: in a replication group the members before the one that failed, or any
                // cluster where a later file of the bundle failed. To Flyway they are "future" (above every file it
                // is given); not ignored, repair deletes their history rows and the next run applies them twice.
                .ignoreMigrationPatterns("*:missing", "*:future")
                .connectRetries(0)
                .load();
    }

    private MigrationFailure failure(String what, FlywayException e, List<MigrationScript> scripts, Secret... secrets) {
        String version = null;
        String file = null;
        String statement = null;
        int line = -1;
        List<String> appliedBefore = List.of();
        String serverError = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FlywayMigrateException migrate) {
                if (migrate.getMigration() != null) {
                    version = migrate.getMigration().getVersion() == null ? null
                            : migrate.getMigration().getVersion().getVersion();
                    file = migrate.getMigration().getScript();
                }
                if (migrate.getErrorResult() != null && migrate.getErrorResult().migrations != null) {
                    appliedBefore = migrate.getErrorResult().migrations.stream()
                            .filter(m -> !"FAILED".equalsIgnoreCase(m.category))
                            .map((MigrateOutput m) -> m.version).filter(v -> v != null).toList();
                }
            }
            if (cause instanceof FlywaySqlScriptException script) {
                statement = script.getStatement();
                line = script.getLineNumber();
            }
            if (cause instanceof SQLException sql) {
                serverError = sql.getErrorCode() + " (" + sql.getSQLState() + "): " + sql.getMessage();
            }
        }
        if (serverError == null) {
            serverError = firstLine(e.getMessage());
        }
        boolean partial = false;
        if (file != null) {
            String name = file;
            int failedLine = line;
            partial = scripts.stream().filter(s -> s.fileName().equals(name)).findFirst()
                    .map(s -> startsAfterFirstStatement(s.content(), failedLine) && DDL.matcher(s.content()).find())
                    .orElse(false);
        }
        serverError = MySqlErrors.redact(serverError, secrets);
        String message = what + (file == null ? "" : " in " + file) + ": " + serverError;
        return new MigrationFailure(message, version, file, statement == null ? null
                : MySqlErrors.redact(statement, secrets), serverError, appliedBefore, partial);
    }

    /** True when the failing line starts after the file's first statement, so earlier DDL may have committed. */
    private static boolean startsAfterFirstStatement(String content, int failedLine) {
        if (failedLine <= 0) {
            return true;
        }
        int offset = 0;
        for (int line = 1; line < failedLine && offset >= 0; line++) {
            offset = content.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        int firstStatementEnd = content.indexOf(';');
        return offset >= 0 && firstStatementEnd >= 0 && offset > firstStatementEnd;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private static Path write(List<MigrationScript> scripts) {
        try {
            Path folder = Files.createTempDirectory("larder-migration-");
            for (MigrationScript script : scripts) {
                if (!FILE.matcher(script.fileName()).matches()) {
                    throw new IllegalArgumentException("not a Flyway versioned file name: " + script.fileName());
                }
                Files.writeString(folder.resolve(script.fileName()), script.content(), StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("Could not remove %s", folder);
        }
    }

    private String suffix() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append("abcdefghijkmnopqrstuvwxyz23456789".charAt(random.nextInt(33)));
        }
        return sb.toString();
    }
}
