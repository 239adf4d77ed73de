package dev.larder.backend.migration.lint;

import java.util.Objects;

/**
 * One thing the lint found.
 *
 * @param ruleId    the stable rule id users see, e.g. {@code destructive.drop-table}
 * @param severity  the severity after the environment's policy was applied
 * @param file      the migration file name as submitted
 * @param line      1-based line where the statement starts; null for findings about the whole file
 * @param statement the statement, shortened for display; null for findings about the whole file
 * @param message   what is wrong and what to do instead
 */
public record Finding(String ruleId, Severity severity, String file, Integer line, String statement, String message) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity.label() + " " + ruleId + " " + file + (line == null ? "" : ":" + line) + ": " + message;
    }
}
