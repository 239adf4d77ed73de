package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.MigrationScript;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSearch rules of a migration bundle (documented in docs/lint-rules.md, examples in
 * src/test/resources/lint-examples/opensearch.*). Each pending file is judged against the declared state before it
 * (the last applied file, or the previous pending one), with the same {@link DefinitionDiff} the migration uses.
 */
final class OpenSearchLint {

    static final String INVALID_JSON = "opensearch.file.invalid-json";
    static final String UNKNOWN_KEY = "opensearch.file.unknown-key";
    static final String OUTSIDE_PREFIX = "opensearch.tenant.outside-prefix";
    static final String FIELD_TYPE_CHANGE = "opensearch.destructive.field-type-change";
    static final String FIELD_REMOVED = "opensearch.destructive.field-removed";
    static final String REINDEX = "opensearch.reindex.required";

    static final String ERROR = "ERROR";
    static final String WARNING = "WARNING";
    static final String INFO = "INFO";

    /** One finding, as {@code DatastoreEngine.LintFinding} carries it (no line: a JSON file is one document). */
    record Finding(String ruleId, String severity, String file, String message) {
    }

    private OpenSearchLint() {
    }

    static List<Finding> lint(ObjectMapper json, IndexFamily family, List<MigrationScript> applied,
            List<MigrationScript> pending, Environment environment) {
        List<Finding> findings = new ArrayList<>();
        IndexDefinition before = IndexDefinition.empty();
        for (MigrationScript script : applied) {
            try {
                before = IndexDefinition.parse(json, script.content());
            } catch (IndexDefinition.Invalid e) {
                // applied long ago under older rules: judge the next file against the state before it
            }
        }
        // Destructive changes may be accepted by a person in dev; elsewhere they block until approved.
        String destructive = environment == Environment.DEV ? WARNING : ERROR;
        for (MigrationScript script : pending) {
            IndexDefinition after;
            try {
                after = IndexDefinition.parse(json, script.content());
            } catch (IndexDefinition.Invalid e) {
                findings.add(new Finding(e.rule(), ERROR, script.fileName(), e.getMessage()));
                continue;
            }
            for (String alias : after.aliasNames()) {
                if (!family.ownsAlias(alias)) {
                    findings.add(new Finding(OUTSIDE_PREFIX, ERROR, script.fileName(), "alias " + alias
                            + " is outside the datastore's index family: name it " + family.name() + "-<suffix>"));
                }
            }
            DefinitionDiff diff = DefinitionDiff.between(before, after);
            diff.ofKind(DefinitionDiff.Kind.FIELD_TYPE_CHANGED).forEach(change -> findings.add(new Finding(
                    FIELD_TYPE_CHANGE, destructive, script.fileName(), change.detail() + ": values that do not fit"
                    + " the new type make the reindex fail, and readers of the field see a different type")));
            diff.ofKind(DefinitionDiff.Kind.FIELD_REMOVED).forEach(change -> findings.add(new Finding(
                    FIELD_REMOVED, destructive, script.fileName(), change.detail() + ": the reindex drops its values"
                    + " from every document for good")));
            if (!diff.compatible()) {
                findings.add(new Finding(REINDEX, INFO, script.fileName(), "the live index cannot take this change ("
                        + diff.changes().get(0).detail() + (diff.changes().size() > 1 ? ", …" : "") + "): Larder"
                        + " creates the next " + family.name() + "-v<n>, reindexes into it and moves the alias;"
                        + " writes are refused while it copies"));
            }
            before = after;
        }
        return findings;
    }
}
