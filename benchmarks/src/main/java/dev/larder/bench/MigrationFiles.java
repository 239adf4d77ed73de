package dev.larder.bench;

import dev.larder.events.migration.MigrationFileSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The migrations both sides apply: a three-file history, shipped as CI ships it (every commit sends all files so
 * far), and a one-statement migration for the latency series. All pass Larder's lint without errors in dev
 * (docs/lint-rules.md): a primary key, InnoDB, utf8mb4, one DDL statement per file, a NOT NULL column with a default.
 */
final class MigrationFiles {

    static final List<MigrationFileSpec> HISTORY = List.of(
            file("V1__create_orders.sql", """
                    CREATE TABLE orders (
                      id BIGINT NOT NULL,
                      customer_id BIGINT NOT NULL,
                      status VARCHAR(20) NOT NULL,
                      created_at DATETIME NOT NULL,
                      PRIMARY KEY (id)
                    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                    """),
            file("V2__add_channel.sql", """
                    ALTER TABLE orders ADD COLUMN channel VARCHAR(20) NOT NULL DEFAULT 'web';
                    """),
            file("V3__index_created_at.sql", """
                    CREATE INDEX idx_orders_created_at ON orders (created_at);
                    """));

    /** A first migration of one statement, for command-to-event latency. */
    static final List<MigrationFileSpec> ONE_STATEMENT = List.of(
            file("V1__create_events.sql", """
                    CREATE TABLE events (
                      id BIGINT NOT NULL,
                      payload VARCHAR(200) NOT NULL,
                      PRIMARY KEY (id)
                    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                    """));

    private MigrationFiles() {
    }

    /** What CI sends for the k-th commit (1-based): the history up to and including V{k}. */
    static List<MigrationFileSpec> bundle(int k) {
        return HISTORY.subList(0, k);
    }

    /** Writes the files into a new directory under {@code parent}, for Flyway's {@code filesystem:} location. */
    static Path write(Path parent, String name, List<MigrationFileSpec> files) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        for (MigrationFileSpec file : files) {
            Files.writeString(dir.resolve(file.name()), file.content(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static MigrationFileSpec file(String name, String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return new MigrationFileSpec(name, HexFormat.of().formatHex(digest), content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
