package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.AlterSpec;
import dev.larder.backend.migration.lint.StatementFacts.ColumnDef;
import dev.larder.backend.migration.lint.StatementFacts.KeyKind;
import dev.larder.backend.migration.lint.StatementFacts.Rename;

/**
 * Changes to existing data and to what running code relies on: destructive, backward-incompatible and may-fail
 * rules. None fires on a table that a pending file of the same bundle created: it has no rows and no readers yet.
 */
final class ChangeRules {

    private ChangeRules() {
    }

    static void check(Judged statement, SchemaModel model, Findings out) {
        StatementFacts facts = statement.facts();
        switch (facts.kind) {
            case DROP_TABLE -> {
                if (!facts.temporary) {
                    facts.dropped.stream().filter(table -> !model.isNew(table)).forEach(table -> out.add(
                            LintRule.DESTRUCTIVE_DROP_TABLE, statement, "DROP TABLE `" + table + "` deletes the table"
                                    + " and every row in it; stop using it in code first, keep a backup, and drop it"
                                    + " in a later, separately reviewed migration"));
                }
            }
            case DROP_DATABASE -> out.add(LintRule.DESTRUCTIVE_DROP_DATABASE, statement,
                    "DROP DATABASE deletes the whole schema with all its tables; decommission the datastore in"
                            + " Larder instead");
            case TRUNCATE -> {
                if (!model.isNew(facts.target)) {
                    out.add(LintRule.DESTRUCTIVE_TRUNCATE, statement, "TRUNCATE deletes every row of `" + facts.target
                            + "` and cannot be rolled back; use a data change request if rows must go");
                }
            }
            case DELETE -> {
                if (facts.deletesEveryRow && !model.isNew(facts.target)) {
                    out.add(LintRule.DESTRUCTIVE_TRUNCATE, statement, "DELETE without WHERE deletes every row of `"
                            + facts.target + "`; add a WHERE clause, or use a data change request");
                }
            }
            case RENAME_TABLE -> {
                for (Rename rename : facts.renames) {
                    if (!model.isNew(rename.from())) {
                        out.add(LintRule.COMPAT_RENAME_TABLE, statement, renameTable(rename.from(), rename.to()));
                    }
                }
            }
            case CREATE_INDEX -> {
                if (facts.uniqueIndex && !model.isNew(facts.target)) {
                    out.add(LintRule.MAYFAIL_ADD_UNIQUE, statement, addUnique(facts.target, "a UNIQUE index"));
                }
            }
            case ALTER_TABLE -> alterTable(statement, model, out);
            default -> {
                // nothing to judge here
            }
        }
    }

    private static void alterTable(Judged statement, SchemaModel model, Findings out) {
        StatementFacts facts = statement.facts();
        QualifiedName table = facts.target;
        if (table == null || model.isNew(table)) {
            return;
        }
        for (AlterSpec spec : facts.specs) {
            switch (spec.kind()) {
                case DROP_COLUMN -> out.add(LintRule.DESTRUCTIVE_DROP_COLUMN, statement, "dropping `" + table + "."
                        + spec.oldName() + "` deletes its values and breaks code that still reads or writes it;"
                        + " stop using the column in code first, then drop it in a later migration");
                case DROP_DATA -> out.add(LintRule.DESTRUCTIVE_TRUNCATE, statement, "`" + spec.what()
                        + "` deletes the rows stored there");
                case RENAME_TABLE -> out.add(LintRule.COMPAT_RENAME_TABLE, statement,
                        renameTable(table, spec.newTable()));
                case RENAME_COLUMN -> out.add(LintRule.COMPAT_RENAME_COLUMN, statement,
                        renameColumn(table, spec.oldName(), spec.newName()));
                case CHANGE_COLUMN -> {
                    if (spec.oldName() != null && !spec.oldName().equalsIgnoreCase(spec.newName())) {
                        out.add(LintRule.COMPAT_RENAME_COLUMN, statement,
                                renameColumn(table, spec.oldName(), spec.newName()));
                    }
                    narrowing(statement, model, table, spec.oldName(), spec.column(), out);
                }
                case MODIFY_COLUMN -> narrowing(statement, model, table, spec.column().name(), spec.column(), out);
                case ADD_COLUMN -> {
                    ColumnDef column = spec.column();
                    if (column.notNull() && !column.hasDefault() && !column.autoIncrement() && !column.generated()) {
                        out.add(LintRule.MAYFAIL_ADD_NOT_NULL_WITHOUT_DEFAULT, statement, "`" + table + "."
                                + column.name() + "` is NOT NULL without a DEFAULT: the running code's INSERTs that"
                                + " do not name it fail, and existing rows get an implicit value (or the ALTER fails"
                                + " in strict mode); add a DEFAULT, or add it NULL and tighten it later");
                    }
                    if (column.unique() || column.primaryKey()) {
                        out.add(LintRule.MAYFAIL_ADD_UNIQUE, statement, addUnique(table, "a UNIQUE column `"
                                + column.name() + "`, whose existing rows all get the same value"));
                    }
                }
                case ADD_KEY -> {
                    if (spec.key().kind() == KeyKind.UNIQUE || spec.key().kind() == KeyKind.PRIMARY) {
                        out.add(LintRule.MAYFAIL_ADD_UNIQUE, statement, addUnique(table,
                                spec.key().kind() == KeyKind.PRIMARY ? "a PRIMARY KEY" : "a UNIQUE key"));
                    }
                }
                default -> {
                    // keys, options: no data at risk
                }
            }
        }
    }

    private static void narrowing(Judged statement, SchemaModel model, QualifiedName table, String oldName,
            ColumnDef column, Findings out) {
        model.column(table, oldName).ifPresent(old -> old.type().narrowedBy(column.type()).ifPresent(reason ->
                out.add(LintRule.COMPAT_NARROWING_TYPE, statement, "`" + table + "." + oldName + "` changes from "
                        + old.type() + " to " + column.type() + ": " + reason + "; values that no longer fit are"
                        + " truncated or make the ALTER fail, and the running code may still write them")));
    }

    private static String renameTable(QualifiedName from, QualifiedName to) {
        return "renaming `" + from + "` to `" + to + "` breaks the code that is running against the old name;"
                + " expand and contract instead: create the new table, write to both, move readers, drop the old one"
                + " later";
    }

    private static String renameColumn(QualifiedName table, String from, String to) {
        return "renaming `" + table + "." + from + "` to `" + to + "` breaks the code that is running; add the new"
                + " column, write to both, move readers, then drop the old one in a later migration";
    }

    private static String addUnique(QualifiedName table, String what) {
        return "adding " + what + " to `" + table + "`, which already has rows, fails if any values repeat; check"
                + " for duplicates first (the dry run on the shadow does) and clean them with a data change";
    }
}
