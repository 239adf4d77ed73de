package dev.larder.backend.migration.service;

import dev.larder.backend.common.names.Environment;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.migration.domain.MigrationFileRecord;
import dev.larder.backend.migration.lint.LintInput;
import dev.larder.backend.migration.lint.LintPolicy;
import dev.larder.backend.migration.lint.LintReport;
import dev.larder.backend.migration.lint.MigrationFile;
import dev.larder.backend.migration.lint.MigrationLinter;
import dev.larder.events.common.Finding;
import dev.larder.events.common.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The quality gate in front of every migration: the lint, with the per-environment policy from config. */
@ApplicationScoped
public class MigrationGate {

    static final String POLICY_PREFIX = "larder.lint.policy.";

    private final MigrationLinter linter;

    /**
     * Reads severity overrides {@code larder.lint.policy.<environment>.<rule id>=error|warning|info|off}, e.g.
     * {@code larder.lint.policy.dev.destructive.drop-table=error}. Tenant-boundary rules cannot be lowered: start-up
     * fails if a policy tries.
     */
    MigrationGate(Config config) {
        Map<String, Map<String, String>> overrides = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(POLICY_PREFIX)) {
                String rest = name.substring(POLICY_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    overrides.computeIfAbsent(rest.substring(0, dot), env -> new TreeMap<>())
                            .put(rest.substring(dot + 1), config.getValue(name, String.class));
                }
            }
        }
        this.linter = new MigrationLinter(overrides.isEmpty() ? LintPolicy.defaults() : new LintPolicy(overrides));
    }

    /**
     * Lints a bundle against the datastore's history. Files already applied but missing from the bundle are added
     * from the history, so the lint knows the current tables whether CI sends every file or only new ones.
     */
    public List<Finding> lint(Target target, List<MigrationFileRecord> bundle, Map<String, String> appliedSha,
            List<MigrationFileRecord> history) {
        Set<String> inBundle = new LinkedHashSet<>();
        bundle.forEach(file -> inBundle.add(file.version));
        if (target.engine().kind() != DatastoreKind.MYSQL) {
            List<MigrationScript> applied = history.stream().map(MigrationRunner::script).toList();
            List<MigrationScript> pending = bundle.stream().filter(file -> !appliedSha.containsKey(file.version))
                    .map(MigrationRunner::script).toList();
            return target.engine().lint(target.tenant(), applied, pending,
                    Environment.parse("environment", target.environment())).stream()
                    .map(f -> new Finding(f.ruleId(), Severity.valueOf(f.severity()), f.file(), f.line(), null,
                            f.message())).toList();
        }
        List<MigrationFile> files = new ArrayList<>();
        history.stream().filter(file -> !inBundle.contains(file.version))
                .forEach(file -> files.add(new MigrationFile(file.fileName, file.content)));
        bundle.forEach(file -> files.add(new MigrationFile(file.fileName, file.content)));
        LintReport report = linter.lint(new LintInput(files, target.tenant().physicalName(), appliedSha,
                target.replicated(), Environment.parse("environment", target.environment())));
        return report.findings().stream().map(f -> new Finding(f.ruleId(), Severity.valueOf(f.severity().name()),
                f.file(), f.line(), f.statement(), f.message())).toList();
    }

    /** Rules in the destructive group: {@code destructive.drop-table}, {@code dynamodb.destructive.remove-index}. */
    public static boolean destructive(String ruleId) {
        return ruleId != null && (ruleId.startsWith("destructive.") || ruleId.contains(".destructive."));
    }

    public boolean blocked(List<Finding> findings) {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
    }

    /** A Flyway versioned file name with the kind's extension: V1__create_orders.sql, V2__add_index.json. */
    public boolean isVersionedFileName(String name, String extension) {
        return version(name) != null && name.endsWith("." + extension);
    }

    /**
     * The Flyway version of a file name (V1_2__x.sql → 1.2), or null when the name is not a versioned file. The
     * SQL lint reads names the same way, with .sql; other kinds' files are judged by their extension alone.
     */
    public String version(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        String asSql = dot < 0 ? fileName : fileName.substring(0, dot) + ".sql";
        try {
            return new MigrationFile(asSql, "").version();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
