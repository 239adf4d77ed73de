package dev.larder.backend.migration.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Flyway hygiene: names, versions, order and drift of the bundle's files against what Larder applied. */
final class FlywayRules {

    /** What the bundle means for one file. */
    enum Status {
        /** Not applied yet: judged by every statement rule. */
        PENDING,
        /** Applied before: only teaches the schema model. */
        APPLIED
    }

    private FlywayRules() {
    }

    /** Checks every file and says, in input order, which ones are pending. */
    static List<Status> check(List<MigrationFile> files, Map<String, String> appliedSha256ByVersion,
            Findings out) {
        TreeMap<String, String> applied = new TreeMap<>(MigrationFile.VERSION_ORDER);
        appliedSha256ByVersion.forEach((version, sha) -> applied.put(version.replace('_', '.'), sha));
        String highestApplied = applied.isEmpty() ? null : applied.lastKey();
        TreeMap<String, String> seen = new TreeMap<>(MigrationFile.VERSION_ORDER);
        List<Status> statuses = new ArrayList<>();
        for (MigrationFile file : files) {
            String version = file.version();
            if (version == null) {
                out.add(LintRule.FLYWAY_FILE_NAME, file.name(), null, null, nameProblem(file.fileName()));
                statuses.add(Status.PENDING);
                continue;
            }
            String first = seen.putIfAbsent(version, file.name());
            if (first != null) {
                out.add(LintRule.FLYWAY_DUPLICATE_VERSION, file.name(), null, null, "version " + version
                        + " is also used by " + first + "; Flyway refuses two migrations with one version: give this"
                        + " file the next free version");
            }
            if (applied.containsKey(version)) {
                String appliedSha = applied.get(version);
                if (!appliedSha.equalsIgnoreCase(file.sha256())) {
                    out.add(LintRule.FLYWAY_CHECKSUM_DRIFT, file.name(), null, null, "version " + version
                            + " was applied with SHA-256 " + abbreviate(appliedSha) + " but this file now has "
                            + abbreviate(file.sha256()) + "; an applied migration must not change: undo the edit and"
                            + " put the change in a new file");
                }
                statuses.add(Status.APPLIED);
                continue;
            }
            if (highestApplied != null && MigrationFile.compareVersions(version, highestApplied) < 0) {
                out.add(LintRule.FLYWAY_VERSION_ORDER, file.name(), null, null, "version " + version
                        + " is below " + highestApplied + ", the highest version already applied; Larder applies"
                        + " migrations in order only: renumber this file above " + highestApplied);
            }
            statuses.add(Status.PENDING);
        }
        return statuses;
    }

    static String nameProblem(String fileName) {
        String expected = "; name migrations V<version>__<description>.sql, e.g. V3__add_order_status.sql";
        if (fileName.startsWith("R__")) {
            return "repeatable migrations (R__) are not supported: Flyway re-runs them whenever they change, outside"
                    + " the version order" + expected;
        }
        if (fileName.matches("U\\d.*")) {
            return "undo migrations (U) are not supported: Larder rolls forward; write a new versioned file that"
                    + " reverses the change" + expected;
        }
        if (fileName.matches("B\\d.*")) {
            return "baseline migrations (B) are not supported" + expected;
        }
        if (!fileName.endsWith(".sql")) {
            return "'" + fileName + "' does not end in .sql" + expected;
        }
        if (fileName.matches("V\\d+(?:[._]\\d+)*__[\\s_]*\\.sql")) {
            return "the description after __ is empty" + expected;
        }
        return "'" + fileName + "' is not a Flyway versioned migration name (versions are digits separated by '.'"
                + " or '_', then two underscores)" + expected;
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
