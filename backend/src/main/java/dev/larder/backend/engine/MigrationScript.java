package dev.larder.backend.engine;

/** One versioned migration file, already checked (name, checksum, lint) before an engine sees it. */
public record MigrationScript(String version, String description, String fileName, String content) {
}
