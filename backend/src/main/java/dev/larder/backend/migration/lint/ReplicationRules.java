package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.AlterSpec;
import dev.larder.backend.migration.lint.StatementFacts.ColumnDef;
import dev.larder.backend.migration.lint.StatementFacts.Kind;
import dev.larder.backend.migration.lint.StatementFacts.SpecKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules for datastores in a replication group (hot-hot, several regions, every member takes writes). Larder applies
 * a migration to each member in turn, so each member runs the statements itself.
 */
final class ReplicationRules {

    /** Functions whose value differs per member and per run. */
    private static final Set<String> NONDETERMINISTIC_CALLS = Set.of("NOW", "SYSDATE", "CURRENT_TIMESTAMP",
            "CURRENT_DATE", "CURRENT_TIME", "CURDATE", "CURTIME", "LOCALTIME", "LOCALTIMESTAMP", "UTC_TIMESTAMP",
            "UTC_DATE", "UTC_TIME", "UUID", "UUID_SHORT", "RAND", "RANDOM_BYTES", "CONNECTION_ID");
    /** The same, usable without parentheses. */
    private static final Set<String> NONDETERMINISTIC_KEYWORDS = Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE",
            "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP", "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME");

    private ReplicationRules() {
    }

    static void check(Judged statement, SchemaModel model, Findings out) {
        StatementFacts facts = statement.facts();
        autoIncrement(statement, out);
        if (facts.isDml()) {
            List<String> calls = nondeterministicCalls(facts.tokens);
            if (!calls.isEmpty()) {
                out.add(LintRule.REPLICATION_NONDETERMINISTIC, statement, String.join(", ", calls) + " gives each"
                        + " member of the replication group a different value, so the regions' data drifts apart;"
                        + " compute the value once and write it as a literal");
            }
        }
        boolean getLock = false;
        for (int k = 0; k + 1 < facts.tokens.size(); k++) {
            getLock |= facts.tokens.get(k).is("GET_LOCK") && facts.tokens.get(k + 1).isSymbol('(');
        }
        if (facts.kind == Kind.LOCK_TABLES || getLock) {
            out.add(LintRule.REPLICATION_LOCK_TABLES, statement, (getLock ? "GET_LOCK()" : "LOCK TABLES")
                    + " only locks on one member; the other members of the group keep taking writes, so the lock"
                    + " protects nothing");
        }
        List<String> breaking = rolloutBreaking(facts, model);
        if (!breaking.isEmpty()) {
            out.add(LintRule.REPLICATION_ROLLOUT_ORDER, statement, String.join(", ", breaking) + ": in a"
                    + " replication group the regions get this migration one after another while they run different"
                    + " versions of the service; ship the code that stops using the old name in every region first,"
                    + " then this change in a later bundle");
        }
    }

    private static void autoIncrement(Judged statement, Findings out) {
        StatementFacts facts = statement.facts();
        List<ColumnDef> columns = new ArrayList<>(facts.columns);
        facts.specs.stream().map(AlterSpec::column).filter(column -> column != null).forEach(columns::add);
        for (ColumnDef column : columns) {
            if (column.autoIncrement()) {
                out.add(LintRule.REPLICATION_AUTO_INCREMENT, statement, "`" + column.name() + "` is AUTO_INCREMENT:"
                        + " members that take writes at the same time hand out the same ids unless every member has"
                        + " its own auto_increment_increment/auto_increment_offset; prefer UUID/ULID keys generated"
                        + " by the service");
            }
        }
    }

    static List<String> nondeterministicCalls(List<Token> tokens) {
        List<String> calls = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            boolean call = k + 1 < tokens.size() && tokens.get(k + 1).isSymbol('(');
            boolean qualified = k > 0 && tokens.get(k - 1).isSymbol('.');
            if (token.type() != Token.Type.WORD || qualified) {
                continue;
            }
            String word = token.keyword();
            boolean unixTimestampNow = word.equals("UNIX_TIMESTAMP") && call && k + 2 < tokens.size()
                    && tokens.get(k + 2).isSymbol(')');
            if ((call && NONDETERMINISTIC_CALLS.contains(word)) || (!call && NONDETERMINISTIC_KEYWORDS.contains(word))
                    || unixTimestampNow) {
                String shown = word + "()";
                if (!calls.contains(shown)) {
                    calls.add(shown);
                }
            }
        }
        return calls;
    }

    private static List<String> rolloutBreaking(StatementFacts facts, SchemaModel model) {
        List<String> breaking = new ArrayList<>();
        switch (facts.kind) {
            case DROP_TABLE -> {
                if (!facts.temporary) {
                    facts.dropped.stream().filter(table -> !model.isNew(table))
                            .forEach(table -> breaking.add("DROP TABLE `" + table + "`"));
                }
            }
            case RENAME_TABLE -> facts.renames.stream().filter(rename -> !model.isNew(rename.from()))
                    .forEach(rename -> breaking.add("RENAME TABLE `" + rename.from() + "`"));
            case ALTER_TABLE -> {
                if (model.isNew(facts.target)) {
                    break;
                }
                for (AlterSpec spec : facts.specs) {
                    if (spec.kind() == SpecKind.DROP_COLUMN) {
                        breaking.add("DROP COLUMN `" + spec.oldName() + "`");
                    } else if (spec.kind() == SpecKind.RENAME_COLUMN || (spec.kind() == SpecKind.CHANGE_COLUMN
                            && spec.oldName() != null && !spec.oldName().equalsIgnoreCase(spec.newName()))) {
                        breaking.add("RENAME COLUMN `" + spec.oldName() + "`");
                    } else if (spec.kind() == SpecKind.RENAME_TABLE) {
                        breaking.add("RENAME TABLE `" + facts.target + "`");
                    }
                }
            }
            default -> {
                // nothing that old code would miss
            }
        }
        return breaking;
    }
}
