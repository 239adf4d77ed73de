package dev.larder.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The floor: plain Flyway (the backend's version, as a library) applying migrations straight to a schema as the
 * server's administrator. No Kafka, no control plane, no lint, no shadow run, no per-datastore login.
 */
final class FlywayFloor {

    private final String jdbc;
    private final String user;
    private final String password;

    /** @param jdbc the server's JDBC URL ending in {@code /}, e.g. {@code jdbc:mysql://127.0.0.1:3306/} */
    FlywayFloor(String jdbc, String user, String password) {
        this.jdbc = jdbc;
        this.user = user;
        this.password = password;
    }

    void createSchema(String schema) throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbc, user, password);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4");
        }
    }

    /**
     * One Flyway migrate() of the files in {@code location} against {@code schema}, with the backend's history table
     * name and without creating schemas; Flyway applies the versions the schema lacks.
     */
    void migrate(String schema, Path location) {
        MigrateResult result = Flyway.configure()
                .dataSource(jdbc + schema, user, password)
                .locations("filesystem:" + location)
                .table("flyway_schema_history")
                .createSchemas(false)
                .connectRetries(0)
                .load()
                .migrate();
        if (!result.success || result.migrationsExecuted != 1) {
            throw new IllegalStateException("Flyway applied " + result.migrationsExecuted + " migrations to "
                    + schema + " from " + location + " (expected 1)");
        }
    }
}
