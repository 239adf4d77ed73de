package dev.larder.backend.engine;

/**
 * A kind-specific lint finding on a migration file. Rule ids read {@code <kind>.<group>.<rule>}; the group
 * {@code destructive} marks changes a person may accept. Severity is ERROR, WARNING or INFO; an ERROR blocks.
 */
public record LintFinding(String ruleId, String severity, String file, Integer line, String message) {
}
