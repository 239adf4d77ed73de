package dev.larder.backend.migration.lint;

import java.util.List;

/** The findings of one lint run, in file (version) order, then line. */
public record LintReport(List<Finding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    /** True when any finding is an ERROR: the bundle must not be applied. */
    public boolean blocked() {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
    }

    public List<Finding> errors() {
        return bySeverity(Severity.ERROR);
    }

    public List<Finding> warnings() {
        return bySeverity(Severity.WARNING);
    }

    public List<Finding> infos() {
        return bySeverity(Severity.INFO);
    }

    private List<Finding> bySeverity(Severity severity) {
        return findings.stream().filter(finding -> finding.severity() == severity).toList();
    }
}
