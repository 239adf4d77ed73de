package dev.larder.ci;

import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import dev.larder.events.common.Severity;
import dev.larder.events.migration.MigrationStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns Larder's answer into plain text for a CI log: one line per finding, then the verdict. */
final class Report {

    /** Statements longer than this are cut, with a note saying so. */
    static final int STATEMENT_LIMIT = 300;

    private static final String INDENT = "  ";
    private static final int LABEL_WIDTH = 11;

    private Report() {
    }

    /** The lines to print for an outcome. */
    static List<String> lines(Outcome outcome) {
        List<String> lines = new ArrayList<>();
        for (Finding finding : outcome.findings()) {
            lines.add(finding(finding));
        }
        if (outcome.succeeded()) {
            lines.add(success(outcome));
        } else {
            lines.addAll(failure(outcome));
        }
        return lines;
    }

    static String text(Outcome outcome) {
        return String.join("\n", lines(outcome)) + "\n";
    }

    /** {@code ERROR  mysql.drop-column  V2__x.sql:3  <message>}. */
    static String finding(Finding finding) {
        String severity = finding.severity() == null ? "NOTE" : finding.severity().name();
        String location;
        if (finding.file() == null) {
            location = "-";
        } else if (finding.line() == null) {
            location = finding.file();
        } else {
            location = finding.file() + ":" + finding.line();
        }
        return severity + "  " + nullTo(finding.ruleId(), "-") + "  " + location + "  "
                + oneLine(nullTo(finding.message(), ""));
    }

    /** {@code Migration 917 started on clusters a, b (versions 3, 4)}. */
    static String started(MigrationStarted started) {
        return "Migration " + started.migrationId() + " started on clusters "
                + (started.clusters().isEmpty() ? "(none listed)" : String.join(", ", started.clusters()))
                + (started.versions().isEmpty() ? "" : " (versions " + String.join(", ", started.versions()) + ")");
    }

    private static String success(Outcome outcome) {
        StringBuilder line = new StringBuilder("Migration ").append(id(outcome)).append(" succeeded");
        if (!outcome.clusters().isEmpty()) {
            line.append(" on ").append(outcome.clusters().stream().map(ClusterResult::cluster)
                    .collect(Collectors.joining(", ")));
        }
        line.append(": ");
        if (outcome.applied().isEmpty()) {
            line.append("nothing new to apply, every version was already applied");
            if (outcome.durationMs() != null) {
                line.append(" (").append(outcome.durationMs()).append(" ms)");
            }
        } else {
            line.append("applied ").append(versions(outcome.applied()));
            if (outcome.durationMs() != null) {
                line.append(" in ").append(outcome.durationMs()).append(" ms");
            }
        }
        return line.toString();
    }

    private static List<String> failure(Outcome outcome) {
        Outcome.Failure failure = outcome.failure() == null
                ? new Outcome.Failure("unknown", null, null, null, null, null, null)
                : outcome.failure();
        List<String> lines = new ArrayList<>();
        if (outcome.migrationId() != null) {
            lines.add("Migration " + outcome.migrationId() + " FAILED at stage " + failure.stage());
        } else {
            lines.add("Migration FAILED at stage " + failure.stage() + " (command " + outcome.commandId()
                    + "; refused before a migration was recorded)");
        }
        field(lines, "cluster", failure.cluster());
        field(lines, "file", failure.file());
        field(lines, "version", failure.version());
        field(lines, "statement", failure.statement() == null ? null : truncate(failure.statement()));
        field(lines, "error", failure.serverError());
        long errors = outcome.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        if (!outcome.findings().isEmpty()) {
            field(lines, "findings", outcome.findings().size() + " (" + errors + " blocking), listed above");
        }
        if (!outcome.clusters().isEmpty()) {
            field(lines, "applied", outcome.clusters().stream()
                    .map(c -> c.cluster() + ": " + (c.versionsApplied().isEmpty() ? "nothing"
                            : versions(c.versionsApplied())) + " (" + c.durationMs() + " ms)")
                    .collect(Collectors.joining("\n")));
        }
        field(lines, "state", failure.partialState());
        return lines;
    }

    /** {@code "  label:     value"}, continuation lines indented under the value. */
    private static void field(List<String> lines, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String prefix = INDENT + String.format("%-" + LABEL_WIDTH + "s", label + ":");
        String continuation = " ".repeat(prefix.length());
        String[] parts = value.strip().split("\\R", -1);
        lines.add(prefix + parts[0].stripTrailing());
        for (int i = 1; i < parts.length; i++) {
            lines.add(continuation + parts[i].stripTrailing());
        }
    }

    /** At most {@value #STATEMENT_LIMIT} characters, and a visible note when cut. */
    static String truncate(String statement) {
        String trimmed = statement.strip();
        if (trimmed.length() <= STATEMENT_LIMIT) {
            return trimmed;
        }
        int end = STATEMENT_LIMIT;
        if (Character.isHighSurrogate(trimmed.charAt(end - 1))) {
            end--;
        }
        return trimmed.substring(0, end) + " … [truncated: " + trimmed.length() + " characters in all]";
    }

    private static String versions(List<String> versions) {
        return versions.stream().map(v -> "V" + v).collect(Collectors.joining(", "));
    }

    private static String id(Outcome outcome) {
        return outcome.migrationId() == null ? "(command " + outcome.commandId() + ")"
                : outcome.migrationId().toString();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String nullTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
