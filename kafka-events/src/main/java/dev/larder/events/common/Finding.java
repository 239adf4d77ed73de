package dev.larder.events.common;

/**
 * One lint or validation finding about a migration file or statement.
 *
 * @param ruleId    the rule that fired, as listed in docs/lint-rules.md (e.g. {@code mysql.drop-column})
 * @param file      the migration file, if the finding is about one
 * @param line      1-based line in that file, if known
 * @param statement the statement the finding is about, possibly truncated
 * @param message   what is wrong and what to do, for a person
 */
public record Finding(String ruleId, Severity severity, String file, Integer line, String statement,
        String message) {
}
