package dev.larder.backend.migration.lint;

import dev.larder.backend.common.names.Environment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Collects findings, giving each its severity under the policy and dropping rules the policy switched off. */
final class Findings {

    static final int STATEMENT_DISPLAY_CHARS = 300;

    private final LintPolicy policy;
    private final Environment environment;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Findings(LintPolicy policy, Environment environment) {
        this.policy = policy;
        this.environment = environment;
    }

    void add(LintRule rule, Judged statement, String message) {
        add(rule, statement.file(), statement.line(), statement.text(), message);
    }

    void add(LintRule rule, String file, Integer line, String statement, String message) {
        Optional<Severity> severity = policy.severity(rule, environment);
        if (severity.isEmpty()) {
            return;
        }
        String shown = statement == null ? null : display(statement);
        if (seen.add(rule.id() + '\u0000' + file + '\u0000' + line + '\u0000' + message)) {
            findings.add(new Finding(rule.id(), severity.get(), file, line, shown, message));
        }
    }

    List<Finding> list() {
        return findings;
    }

    /** Whitespace collapsed and shortened, so a finding stays readable in Slack and in CI logs. */
    static String display(String statement) {
        String collapsed = statement.replaceAll("\\s+", " ").strip();
        if (collapsed.length() <= STATEMENT_DISPLAY_CHARS) {
            return collapsed;
        }
        int cut = STATEMENT_DISPLAY_CHARS - 1;
        if (Character.isHighSurrogate(collapsed.charAt(cut - 1))) {
            cut--;
        }
        return collapsed.substring(0, cut) + "…";
    }
}
