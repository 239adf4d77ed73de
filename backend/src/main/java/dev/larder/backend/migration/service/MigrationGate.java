package dev.larder.backend.migration.service;

import dev.larder.backend.common.names.Environment;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.migration.domain.MigrationFileRecord;
import dev.larder.backend.migration.lint.LintInput;
import dev.larder.backend.migration.lint.LintPolicy;
import dev.larder.backend.migration.lint.LintReport;
import dev.larder.backend.migration.lint.MigrationFile;
import dev.larder.backend.migration.lint.MigrationLinter;
import dev.larder.events.common.Finding;
import dev.larder.events.common.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The quality gate in front of every migration: the lint, with the per-environment policy from config. */
@ApplicationScoped
public class MigrationGate {

    @ConfigMapping(prefix = "larder.lint")
    public interface LintConfig {

        /**
         * Severity overrides per environment and rule: {@code larder.lint.policy.prod."destructive.drop-table"=error};
         * values error, warning, info or off. Tenant-boundary rules cannot be lowered.
         */
        @WithDefaults
        Map<String, Map<String, String>> policy();
    }

    private final MigrationLinter linter;

    MigrationGate(LintConfig config) {
        this.linter = new MigrationLinter(config.policy().isEmpty() ? LintPolicy.defaults()
                : new LintPolicy(config.policy()));
    }

    /**
     * Lints a bundle against the datastore's history. Files already applied but missing from the bundle are added
     * from the history, so the lint knows the current tables whether CI sends every file or only new ones.
     */
    public List<Finding> lint(Target target, List<MigrationFileRecord> bundle, Map<String, String> appliedSha,
            List<MigrationFileRecord> history) {
        List<MigrationFile> files = new ArrayList<>();
        Set<String> inBundle = new LinkedHashSet<>();
        bundle.forEach(file -> inBundle.add(file.version));
        history.stream().filter(file -> !inBundle.contains(file.version))
                .forEach(file -> files.add(new MigrationFile(file.fileName, file.content)));
        bundle.forEach(file -> files.add(new MigrationFile(file.fileName, file.content)));
        LintReport report = linter.lint(new LintInput(files, target.tenant().physicalName(), appliedSha,
                target.replicated(), Environment.parse("environment", target.environment())));
        return report.findings().stream().map(f -> new Finding(f.ruleId(), Severity.valueOf(f.severity().name()),
                f.file(), f.line(), f.statement(), f.message())).toList();
    }

    public boolean blocked(List<Finding> findings) {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
    }

    public boolean isVersionedFileName(String name) {
        return version(name) != null;
    }

    /** The Flyway version of a file name (V1_2__x.sql → 1.2), or null when the name is not a versioned file. */
    public String version(String fileName) {
        try {
            return new MigrationFile(fileName, "").version();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
