package dev.larder.backend.migration.lint;

import dev.larder.backend.common.names.Environment;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which severity each rule has in each environment: the rule's default unless the policy overrides it.
 *
 * <p>Built from a map of environment label to rule id to level, e.g.
 * {@code {"prod": {"design.trigger": "error"}, "dev": {"destructive.drop-table": "off"}}}. Levels are
 * {@code error}, {@code warning}, {@code info} and {@code off}. Unknown environments, rule ids and levels are refused,
 * so a typo cannot silently switch a rule off. Locked rules (tenant boundary, internal errors) stay ERROR: a policy
 * that names them with any other level is refused with an {@link IllegalArgumentException}.
 */
public final class LintPolicy {

    private static final String LEVELS = "error, warning, info, off";

    /** Per environment, per rule: the severity, or empty for "off". Rules not in the map keep their default. */
    private final Map<Environment, Map<LintRule, Optional<Severity>>> overrides;

    public LintPolicy(Map<String, Map<String, String>> overrides) {
        Map<Environment, Map<LintRule, Optional<Severity>>> parsed = new EnumMap<>(Environment.class);
        if (overrides != null) {
            overrides.forEach((environment, rules) -> parsed.put(environment(environment), rules(environment, rules)));
        }
        this.overrides = Collections.unmodifiableMap(parsed);
    }

    /** Every rule at its default severity. */
    public static LintPolicy defaults() {
        return new LintPolicy(Map.of());
    }

    /** The severity of a rule in an environment; empty when the policy switched the rule off there. */
    public Optional<Severity> severity(LintRule rule, Environment environment) {
        Map<LintRule, Optional<Severity>> forEnvironment = overrides.get(environment);
        if (forEnvironment != null && forEnvironment.containsKey(rule)) {
            return forEnvironment.get(rule);
        }
        return Optional.of(rule.defaultSeverity(environment));
    }

    private static Environment environment(String label) {
        return Arrays.stream(Environment.values())
                .filter(environment -> environment.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown environment '" + label
                        + "' in lint policy; use one of " + Arrays.stream(Environment.values())
                                .map(Environment::label).collect(Collectors.joining(", "))));
    }

    private static Map<LintRule, Optional<Severity>> rules(String environment, Map<String, String> levels) {
        Map<LintRule, Optional<Severity>> parsed = new EnumMap<>(LintRule.class);
        if (levels == null) {
            return parsed;
        }
        levels.forEach((ruleId, level) -> {
            LintRule rule = LintRule.byId(ruleId).orElseThrow(() -> new IllegalArgumentException(
                    "unknown lint rule '" + ruleId + "' in the policy for " + environment
                            + "; docs/lint-rules.md lists the rules"));
            Optional<Severity> severity = level(ruleId, level);
            if (rule.locked() && !severity.equals(Optional.of(Severity.ERROR))) {
                throw new IllegalArgumentException("lint rule '" + ruleId + "' guards the tenant boundary and is always"
                        + " error; a policy cannot set it to '" + level + "' (" + environment + ")");
            }
            parsed.put(rule, severity);
        });
        return parsed;
    }

    private static Optional<Severity> level(String ruleId, String level) {
        String normalised = level == null ? "" : level.strip().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "error" -> Optional.of(Severity.ERROR);
            case "warning" -> Optional.of(Severity.WARNING);
            case "info" -> Optional.of(Severity.INFO);
            case "off" -> Optional.empty();
            default -> throw new IllegalArgumentException(
                    "unknown level '" + level + "' for lint rule '" + ruleId + "'; use one of " + LEVELS);
        };
    }
}
