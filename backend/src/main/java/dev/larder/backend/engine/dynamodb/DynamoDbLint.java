package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.MigrationScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lint of DynamoDB migration files (docs/lint-rules.md, "DynamoDB"). Replays the applied files over the declared
 * spec, then judges each pending file in version order against the state before it:
 *
 * <ul>
 *   <li>{@code dynamodb.format.invalid-json}, {@code .unknown-field}, {@code .unknown-op}, {@code .invalid-value}:
 *   the file is not what {@link DynamoDbChange} reads (error);</li>
 *   <li>{@code dynamodb.state.conflict}: the operation does not fit the table as it will be (an index that exists or
 *   does not, a TTL already set, the billing it already has) (error);</li>
 *   <li>{@code dynamodb.destructive.remove-index}: readers of the index break and it costs a full rebuild to get
 *   back (a warning in dev; an error in staging and prod, which the backend turns into a wait for approval, as for
 *   SQL's {@code destructive.*});</li>
 *   <li>{@code dynamodb.state.change-keys}: keys cannot change in place (error everywhere; a new table and a
 *   copy is the way).</li>
 * </ul>
 */
final class DynamoDbLint {

    record Finding(String ruleId, String severity, String file, String message) {
    }

    static final String ERROR = "ERROR";
    static final String WARNING = "WARNING";
    static final Map<String, String> FORMAT_RULES = Map.of(
            "json", "dynamodb.format.invalid-json",
            "unknown-field", "dynamodb.format.unknown-field",
            "unknown-op", "dynamodb.format.unknown-op",
            "conflict", "dynamodb.state.conflict",
            "change-keys", "dynamodb.state.change-keys");
    static final String INVALID_VALUE = "dynamodb.format.invalid-value";
    static final String REMOVE_INDEX = "dynamodb.destructive.remove-index";

    private final ObjectMapper mapper;

    DynamoDbLint(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<Finding> lint(DynamoDbSpec declared, List<MigrationScript> applied, List<MigrationScript> pending,
            Environment environment) {
        DynamoDbSpec state = declared;
        for (MigrationScript script : applied.stream().sorted(DynamoDbMigrator.VERSION_ORDER).toList()) {
            try {
                state = DynamoDbChange.replay(state, script.content(), mapper);
            } catch (SpecViolation e) {
                // what ran is history; the lint judges only what is new
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (MigrationScript script : pending.stream().sorted(DynamoDbMigrator.VERSION_ORDER).toList()) {
            try {
                List<DynamoDbChange> changes = DynamoDbChange.parse(script.content(), mapper);
                for (int i = 0; i < changes.size(); i++) {
                    if (changes.get(i) instanceof DynamoDbChange.RemoveIndex remove) {
                        findings.add(new Finding(REMOVE_INDEX, environment == Environment.DEV ? WARNING : ERROR,
                                script.fileName(), "operations[" + i
                                + "]: removing index " + remove.name() + " breaks every reader that queries it, and"
                                + " getting it back means a full rebuild; it needs approval"));
                    }
                    state = changes.get(i).applyTo(state, "operations[" + i + "]");
                }
            } catch (SpecViolation e) {
                findings.add(new Finding(FORMAT_RULES.getOrDefault(e.rule(), INVALID_VALUE), ERROR, script.fileName(),
                        (e.path().isEmpty() ? "" : e.path() + ": ") + e.getMessage()
                                + (FORMAT_RULES.containsKey(e.rule()) ? "" : " (" + e.rule() + ")")));
            }
        }
        return findings;
    }
}
