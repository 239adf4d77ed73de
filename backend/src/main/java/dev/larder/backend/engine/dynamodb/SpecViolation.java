package dev.larder.backend.engine.dynamodb;

/**
 * One broken rule in a DynamoDB spec or migration file: the JSON path inside it (e.g.
 * {@code globalSecondaryIndexes[0].projection.type}), the rule, and a message a person can act on. The engine turns
 * it into a 400 naming {@code spec.<path>} at create time and into a lint finding in a migration file.
 */
final class SpecViolation extends RuntimeException {

    private final String path;
    private final String rule;

    SpecViolation(String path, String rule, String message) {
        super(message, null, false, false);
        this.path = path;
        this.rule = rule;
    }

    String path() {
        return path;
    }

    String rule() {
        return rule;
    }
}
