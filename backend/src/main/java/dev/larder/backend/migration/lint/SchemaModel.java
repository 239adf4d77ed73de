package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.AlterSpec;
import dev.larder.backend.migration.lint.StatementFacts.ColumnDef;
import dev.larder.backend.migration.lint.StatementFacts.Rename;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The datastore's tables as the bundle's files describe them, replayed in version order: which columns exist with
 * which types, and which tables the pending files create (those hold no rows yet, so rules about existing data do
 * not apply to them). Tables created before the bundle's first file are unknown; rules then assume they have rows.
 */
final class SchemaModel {

    private static final class Table {
        final Map<String, ColumnDef> columns = new LinkedHashMap<>();
        boolean createdByPendingFile;
    }

    private final String ownSchema;
    private final Map<String, Table> tables = new HashMap<>();

    SchemaModel(String ownSchema) {
        this.ownSchema = ownSchema;
    }

    /** True when a pending file of this bundle created the table, so it is still empty when this runs. */
    boolean isNew(QualifiedName table) {
        Table known = table == null ? null : tables.get(key(table));
        return known != null && known.createdByPendingFile;
    }

    Optional<ColumnDef> column(QualifiedName table, String column) {
        Table known = table == null ? null : tables.get(key(table));
        return known == null || column == null ? Optional.empty()
                : Optional.ofNullable(known.columns.get(column.toLowerCase(Locale.ROOT)));
    }

    void apply(StatementFacts facts, boolean pending) {
        switch (facts.kind) {
            case CREATE_TABLE -> create(facts, pending);
            case ALTER_TABLE -> alter(facts);
            case DROP_TABLE -> facts.dropped.forEach(name -> tables.remove(key(name)));
            case RENAME_TABLE -> {
                for (Rename rename : facts.renames) {
                    move(rename.from(), rename.to());
                }
            }
            default -> {
                // nothing else changes the columns the rules look at
            }
        }
    }

    private void create(StatementFacts facts, boolean pending) {
        if (!mine(facts.target)) {
            return;
        }
        Table table = new Table();
        table.createdByPendingFile = pending;
        if (facts.likeOther) {
            facts.names.stream().skip(1).findFirst().map(name -> tables.get(key(name)))
                    .ifPresent(source -> table.columns.putAll(source.columns));
        }
        facts.columns.forEach(column -> table.columns.put(column.name().toLowerCase(Locale.ROOT), column));
        tables.put(key(facts.target), table);
    }

    private void alter(StatementFacts facts) {
        if (!mine(facts.target)) {
            return;
        }
        QualifiedName name = facts.target;
        Table table = tables.computeIfAbsent(key(name), ignored -> new Table());
        for (AlterSpec spec : facts.specs) {
            switch (spec.kind()) {
                case ADD_COLUMN, MODIFY_COLUMN -> put(table, spec.column());
                case CHANGE_COLUMN -> {
                    if (spec.oldName() != null) {
                        table.columns.remove(spec.oldName().toLowerCase(Locale.ROOT));
                    }
                    put(table, spec.column());
                }
                case DROP_COLUMN -> table.columns.remove(spec.oldName().toLowerCase(Locale.ROOT));
                case RENAME_COLUMN -> {
                    ColumnDef old = table.columns.remove(spec.oldName().toLowerCase(Locale.ROOT));
                    if (old != null && spec.newName() != null) {
                        put(table, new ColumnDef(spec.newName(), old.type(), old.notNull(), old.hasDefault(),
                                old.autoIncrement(), old.primaryKey(), old.unique(), old.generated()));
                    }
                }
                case RENAME_TABLE -> {
                    move(name, spec.newTable());
                    name = spec.newTable();
                }
                default -> {
                    // keys, engine, charset: not modelled
                }
            }
        }
    }

    private static void put(Table table, ColumnDef column) {
        if (column != null) {
            table.columns.put(column.name().toLowerCase(Locale.ROOT), column);
        }
    }

    private void move(QualifiedName from, QualifiedName to) {
        if (from == null || to == null) {
            return;
        }
        Table table = tables.remove(key(from));
        if (table != null && mine(to)) {
            tables.put(key(to), table);
        }
    }

    private boolean mine(QualifiedName name) {
        return name != null && !name.outside(ownSchema);
    }

    private static String key(QualifiedName name) {
        return name.name().toLowerCase(Locale.ROOT);
    }
}
