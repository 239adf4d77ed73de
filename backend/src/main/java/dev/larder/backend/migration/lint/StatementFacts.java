package dev.larder.backend.migration.lint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What {@link StatementAnalyzer} read from one statement's tokens; the rules judge these facts. */
final class StatementFacts {

    enum Kind {
        CREATE_TABLE, ALTER_TABLE, CREATE_INDEX, DROP_TABLE, DROP_INDEX, CREATE_DATABASE, DROP_DATABASE, DROP_OTHER,
        RENAME_TABLE, TRUNCATE, CREATE_VIEW, CREATE_TRIGGER, CREATE_ROUTINE, CREATE_EVENT, OTHER_DDL,
        INSERT, REPLACE, UPDATE, DELETE, SELECT, SET, USE, LOCK_TABLES, UNLOCK_TABLES, TRANSACTION, MAINTENANCE,
        CALL, PREPARE, OTHER
    }

    private static final Set<Kind> DDL = EnumSet.range(Kind.CREATE_TABLE, Kind.OTHER_DDL);
    private static final Set<Kind> DML = EnumSet.of(Kind.INSERT, Kind.REPLACE, Kind.UPDATE, Kind.DELETE);
    /** Kinds whose grammar the analyzer reads completely, so JSqlParser's verdict is not needed. */
    private static final Set<Kind> READ_BY_TEXT = EnumSet.of(Kind.DROP_TABLE, Kind.DROP_INDEX, Kind.CREATE_DATABASE,
            Kind.DROP_DATABASE, Kind.DROP_OTHER, Kind.RENAME_TABLE, Kind.TRUNCATE, Kind.CREATE_TRIGGER,
            Kind.CREATE_ROUTINE, Kind.CREATE_EVENT, Kind.USE, Kind.LOCK_TABLES, Kind.UNLOCK_TABLES, Kind.TRANSACTION,
            Kind.MAINTENANCE, Kind.PREPARE);

    record ColumnDef(String name, ColumnType type, boolean notNull, boolean hasDefault, boolean autoIncrement,
            boolean primaryKey, boolean unique, boolean generated) {
    }

    enum KeyKind { PRIMARY, UNIQUE, INDEX, FOREIGN, CHECK }

    record KeyDef(KeyKind kind, QualifiedName references) {
    }

    enum SpecKind {
        ADD_COLUMN, DROP_COLUMN, MODIFY_COLUMN, CHANGE_COLUMN, RENAME_COLUMN, RENAME_TABLE, ADD_KEY, DROP_PRIMARY_KEY,
        DROP_DATA, OTHER
    }

    /** One clause of ALTER TABLE. {@code oldName} is the column before CHANGE or RENAME COLUMN. */
    record AlterSpec(SpecKind kind, ColumnDef column, String oldName, String newName, QualifiedName newTable,
            KeyDef key, String what) {
    }

    record Rename(QualifiedName from, QualifiedName to) {
    }

    final List<Token> tokens;
    Kind kind = Kind.OTHER;
    /** A routine, trigger or event: its body holds statements of its own. */
    boolean compound;
    /** The table the statement works on (created, altered, indexed, truncated, inserted into), if any. */
    QualifiedName target;
    /** Every object name in a DDL position: targets, dropped and renamed tables, LIKE sources, routines. */
    final List<QualifiedName> names = new ArrayList<>();
    /** Tables named by REFERENCES (foreign keys). */
    final List<QualifiedName> references = new ArrayList<>();
    boolean temporary;
    /** CREATE TABLE ... LIKE or ... AS SELECT: the columns come from elsewhere. */
    boolean copiesDefinition;
    boolean likeOther;
    boolean uniqueIndex;
    final List<ColumnDef> columns = new ArrayList<>();
    final List<KeyDef> keys = new ArrayList<>();
    final List<AlterSpec> specs = new ArrayList<>();
    final List<String> engines = new ArrayList<>();
    final List<String> charsets = new ArrayList<>();
    final List<String> collations = new ArrayList<>();
    final List<QualifiedName> dropped = new ArrayList<>();
    final List<Rename> renames = new ArrayList<>();
    /** DELETE FROM t without WHERE or LIMIT. */
    boolean deletesEveryRow;

    StatementFacts(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean isDdl() {
        return DDL.contains(kind);
    }

    boolean isDml() {
        return DML.contains(kind);
    }

    boolean readByText() {
        return READ_BY_TEXT.contains(kind);
    }

    boolean hasPrimaryKey() {
        return columns.stream().anyMatch(ColumnDef::primaryKey)
                || keys.stream().anyMatch(key -> key.kind() == KeyKind.PRIMARY);
    }
}
