package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.AlterSpec;
import dev.larder.backend.migration.lint.StatementFacts.ColumnDef;
import dev.larder.backend.migration.lint.StatementFacts.KeyDef;
import dev.larder.backend.migration.lint.StatementFacts.KeyKind;
import dev.larder.backend.migration.lint.StatementFacts.Kind;
import dev.larder.backend.migration.lint.StatementFacts.Rename;
import dev.larder.backend.migration.lint.StatementFacts.SpecKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the MySQL DDL grammar the rules care about straight from the tokens: which table a statement creates,
 * alters, drops or renames, its columns with their types, keys, engine and character sets. JSqlParser's model of
 * MySQL DDL has gaps (unnamed KEY (...) in CREATE TABLE, DROP FOREIGN KEY, DROP TABLE a, b, partitions, events), so
 * the rules do not depend on it for DDL; JSqlParser remains the syntax gate and reads DML. Never throws on odd
 * input: what it cannot place it leaves out.
 */
final class StatementAnalyzer {

    private static final Token END = new Token(Token.Type.SYMBOL, "", "");

    private static final Map<String, String> TYPE_SYNONYMS = Map.ofEntries(
            Map.entry("INTEGER", "INT"), Map.entry("INT1", "TINYINT"), Map.entry("INT2", "SMALLINT"),
            Map.entry("INT3", "MEDIUMINT"), Map.entry("MIDDLEINT", "MEDIUMINT"), Map.entry("INT4", "INT"),
            Map.entry("INT8", "BIGINT"), Map.entry("BOOL", "TINYINT"), Map.entry("BOOLEAN", "TINYINT"),
            Map.entry("DEC", "DECIMAL"), Map.entry("NUMERIC", "DECIMAL"), Map.entry("FIXED", "DECIMAL"),
            Map.entry("REAL", "DOUBLE"), Map.entry("FLOAT8", "DOUBLE"), Map.entry("FLOAT4", "FLOAT"),
            Map.entry("CHARACTER", "CHAR"), Map.entry("NCHAR", "CHAR"), Map.entry("NVARCHAR", "VARCHAR"),
            Map.entry("LONG", "MEDIUMTEXT"));
    private static final Set<String> KEY_WORDS = Set.of("INDEX", "KEY", "UNIQUE", "PRIMARY", "FOREIGN", "FULLTEXT",
            "SPATIAL", "CONSTRAINT", "CHECK");
    private static final Set<String> ALIAS_STOP = Set.of("WHERE", "SET", "ON", "USING", "JOIN", "INNER", "LEFT",
            "RIGHT", "CROSS", "STRAIGHT_JOIN", "NATURAL", "ORDER", "GROUP", "HAVING", "LIMIT", "UNION", "VALUES",
            "VALUE", "SELECT", "PARTITION", "FOR", "LOCK", "WINDOW", "INTO", "READ", "WRITE", "LOW_PRIORITY",
            "FROM", "AS", "USE", "IGNORE", "FORCE", "WITH", "EXCEPT", "INTERSECT", "DUPLICATE", "RETURNING");
    /** Functions whose argument syntax contains FROM, which is not a table reference there. */
    private static final Set<String> FROM_FUNCTIONS = Set.of("EXTRACT", "TRIM", "SUBSTRING", "SUBSTR", "POSITION",
            "OVERLAY", "MID", "CAST", "CONVERT");

    private StatementAnalyzer() {
    }

    static StatementFacts analyze(List<Token> tokens) {
        StatementFacts facts = new StatementFacts(tokens);
        Cursor c = new Cursor(tokens, 0, tokens.size());
        String first = c.peek().keyword();
        switch (first) {
            case "CREATE" -> create(c, facts);
            case "ALTER" -> alter(c, facts);
            case "DROP" -> drop(c, facts);
            case "RENAME" -> rename(c, facts);
            case "TRUNCATE" -> truncate(c, facts);
            case "INSERT", "REPLACE" -> insert(c, facts, first.equals("INSERT") ? Kind.INSERT : Kind.REPLACE);
            case "UPDATE" -> facts.kind = Kind.UPDATE;
            case "DELETE" -> delete(c, facts);
            case "SELECT", "WITH", "TABLE", "VALUES" -> facts.kind = Kind.SELECT;
            case "SET" -> facts.kind = Kind.SET;
            case "USE" -> facts.kind = Kind.USE;
            case "LOCK" -> lockTables(c, facts);
            case "UNLOCK" -> facts.kind = Kind.UNLOCK_TABLES;
            case "START", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA" -> facts.kind = Kind.TRANSACTION;
            case "OPTIMIZE", "ANALYZE", "CHECK", "REPAIR", "CHECKSUM" -> maintenance(c, facts);
            case "CALL" -> call(c, facts);
            case "PREPARE", "EXECUTE", "DEALLOCATE" -> facts.kind = Kind.PREPARE;
            default -> {
                if (c.peek().isSymbol('(')) {
                    facts.kind = Kind.SELECT;
                }
            }
        }
        return facts;
    }

    // ---------------------------------------------------------------- CREATE

    private static void create(Cursor c, StatementFacts facts) {
        c.next();
        facts.kind = Kind.OTHER_DDL;
        while (!c.atEnd()) {
            String word = c.peek().keyword();
            if (c.accept("OR", "REPLACE") || c.accept("ONLINE") || c.accept("OFFLINE") || c.accept("AGGREGATE")) {
                continue;
            }
            if (word.equals("TEMPORARY")) {
                facts.temporary = true;
                c.next();
            } else if (word.equals("ALGORITHM") || word.equals("DEFINER")) {
                c.next();
                c.acceptSymbol('=');
                skipUser(c);
            } else if (c.accept("SQL", "SECURITY")) {
                c.next();
            } else if (word.equals("UNIQUE")) {
                facts.uniqueIndex = true;
                c.next();
            } else if (word.equals("FULLTEXT") || word.equals("SPATIAL")) {
                c.next();
            } else {
                break;
            }
        }
        String object = c.next().keyword();
        switch (object) {
            case "TABLE" -> createTable(c, facts);
            case "INDEX" -> createIndex(c, facts);
            case "VIEW" -> view(c, facts);
            case "TRIGGER" -> trigger(c, facts);
            case "PROCEDURE", "FUNCTION" -> routine(c, facts, Kind.CREATE_ROUTINE);
            case "EVENT" -> routine(c, facts, Kind.CREATE_EVENT);
            case "DATABASE", "SCHEMA" -> facts.kind = Kind.CREATE_DATABASE;
            default -> facts.kind = Kind.OTHER_DDL;
        }
    }

    private static void createTable(Cursor c, StatementFacts facts) {
        facts.kind = Kind.CREATE_TABLE;
        c.accept("IF", "NOT", "EXISTS");
        facts.target = c.name();
        addName(facts, facts.target);
        if (c.peek().is("LIKE") || (c.peek().isSymbol('(') && c.peek(1).is("LIKE"))) {
            boolean parenthesised = c.acceptSymbol('(');
            c.next();
            addName(facts, c.name());
            facts.copiesDefinition = true;
            facts.likeOther = true;
            if (parenthesised) {
                c.acceptSymbol(')');
            }
            return;
        }
        if (c.peek().isSymbol('(') && c.peek(1).isAny("SELECT", "WITH")) {
            facts.copiesDefinition = true;
        } else if (c.peek().isSymbol('(')) {
            int close = c.matching(c.i);
            for (Cursor item : c.splitTopLevel(c.i + 1, close)) {
                tableElement(item, facts);
            }
            c.i = Math.min(close + 1, c.end);
        }
        Cursor options = new Cursor(c.tokens, c.i, c.end);
        int select = options.indexOfTopLevel("SELECT");
        if (select >= 0) {
            facts.copiesDefinition = true;
            options = new Cursor(c.tokens, c.i, select);
        }
        tableOptions(options, facts);
    }

    private static void tableElement(Cursor item, StatementFacts facts) {
        Token first = item.peek();
        if (first.type() == Token.Type.WORD && KEY_WORDS.contains(first.keyword())) {
            facts.keys.add(keyDef(item, facts));
        } else {
            ColumnDef column = columnDef(item, facts);
            if (column != null) {
                facts.columns.add(column);
            }
        }
    }

    private static KeyDef keyDef(Cursor c, StatementFacts facts) {
        if (c.accept("CONSTRAINT")) {
            if (c.peek().isIdentifier() && !KEY_WORDS.contains(c.peek().keyword())) {
                c.next();
            }
        }
        String word = c.next().keyword();
        KeyKind kind = switch (word) {
            case "PRIMARY" -> KeyKind.PRIMARY;
            case "UNIQUE" -> KeyKind.UNIQUE;
            case "FOREIGN" -> KeyKind.FOREIGN;
            case "CHECK" -> KeyKind.CHECK;
            default -> KeyKind.INDEX;
        };
        QualifiedName references = null;
        int at = c.indexOfTopLevel("REFERENCES");
        if (at >= 0) {
            references = new Cursor(c.tokens, at + 1, c.end).name();
            if (references != null) {
                facts.references.add(references);
            }
        }
        return new KeyDef(kind, references);
    }

    /** {@code name type [attributes]}; null when there is no name. */
    private static ColumnDef columnDef(Cursor c, StatementFacts facts) {
        if (!c.peek().isIdentifier()) {
            return null;
        }
        String name = c.next().name();
        boolean serial = c.peek().is("SERIAL");
        ColumnType type = type(c);
        boolean notNull = serial;
        boolean hasDefault = false;
        boolean autoIncrement = serial;
        boolean primaryKey = false;
        boolean unique = serial;
        boolean generated = false;
        while (!c.atEnd()) {
            Token token = c.peek();
            if (token.isSymbol('(')) {
                c.i = c.matching(c.i) + 1;
                continue;
            }
            if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("SERIAL", "DEFAULT", "VALUE")) {
                notNull = true;
                autoIncrement = true;
                unique = true;
            } else if (c.accept("DEFAULT")) {
                hasDefault = true;
                c.skipValue();
            } else if (c.accept("ON", "UPDATE") || c.accept("COMMENT")) {
                c.skipValue();
            } else if (c.accept("AUTO_INCREMENT")) {
                autoIncrement = true;
            } else if (c.accept("PRIMARY", "KEY") || c.accept("KEY")) {
                primaryKey = true;
            } else if (c.accept("UNIQUE")) {
                unique = true;
                c.accept("KEY");
            } else if (c.accept("REFERENCES")) {
                QualifiedName references = c.name();
                if (references != null) {
                    facts.references.add(references);
                    facts.keys.add(new KeyDef(KeyKind.FOREIGN, references));
                }
            } else if (c.accept("GENERATED") || (token.is("AS") && c.peek(1).isSymbol('('))) {
                generated = true;
                c.accept("AS");
            } else if (c.accept("CHARACTER", "SET") || c.accept("CHARSET")) {
                addName(facts.charsets, c.next());
            } else if (c.accept("COLLATE")) {
                addName(facts.collations, c.next());
            } else {
                c.next();
            }
        }
        return new ColumnDef(name, type, notNull, hasDefault, autoIncrement, primaryKey, unique, generated);
    }

    private static ColumnType type(Cursor c) {
        String word = c.next().keyword();
        if (word.equals("NATIONAL")) {
            word = c.next().keyword();
        }
        if (word.equals("SERIAL")) {
            return new ColumnType("BIGINT", List.of(), true);
        }
        if ((word.equals("CHARACTER") || word.equals("CHAR") || word.equals("NCHAR")) && c.accept("VARYING")) {
            word = "VARCHAR";
        } else if (word.equals("NCHAR") && c.accept("VARCHAR")) {
            word = "VARCHAR";
        } else if (word.equals("DOUBLE")) {
            c.accept("PRECISION");
        } else if (word.equals("LONG")) {
            if (c.accept("VARBINARY")) {
                word = "MEDIUMBLOB";
            } else {
                c.accept("VARCHAR");
            }
        }
        String base = TYPE_SYNONYMS.getOrDefault(word, word);
        List<String> args = new ArrayList<>();
        if (word.equals("BOOL") || word.equals("BOOLEAN")) {
            args.add("1");
        }
        if (c.peek().isSymbol('(')) {
            int close = c.matching(c.i);
            for (int k = c.i + 1; k < close; k++) {
                Token token = c.tokens.get(k);
                if (token.type() == Token.Type.NUMBER || token.type() == Token.Type.STRING) {
                    args.add(token.name());
                }
            }
            c.i = close + 1;
        }
        boolean unsigned = false;
        while (c.peek().isAny("UNSIGNED", "SIGNED", "ZEROFILL")) {
            unsigned |= !c.next().is("SIGNED");
        }
        return new ColumnType(base, args, unsigned);
    }

    /** ENGINE, [DEFAULT] CHARACTER SET / CHARSET and [DEFAULT] COLLATE, wherever they occur in the range. */
    private static void tableOptions(Cursor c, StatementFacts facts) {
        while (!c.atEnd()) {
            if (c.peek().isSymbol('(')) {
                c.i = c.matching(c.i) + 1;
            } else if (c.accept("ENGINE")) {
                c.acceptSymbol('=');
                addName(facts.engines, c.next());
            } else if (c.accept("CHARACTER", "SET") || c.accept("CHARSET")) {
                c.acceptSymbol('=');
                addName(facts.charsets, c.next());
            } else if (c.accept("COLLATE")) {
                c.acceptSymbol('=');
                addName(facts.collations, c.next());
            } else {
                c.next();
            }
        }
    }

    private static void createIndex(Cursor c, StatementFacts facts) {
        facts.kind = Kind.CREATE_INDEX;
        c.accept("IF", "NOT", "EXISTS");
        c.next();
        if (c.accept("USING")) {
            c.next();
        }
        if (c.accept("ON")) {
            facts.target = c.name();
            addName(facts, facts.target);
        }
    }

    private static void view(Cursor c, StatementFacts facts) {
        facts.kind = Kind.CREATE_VIEW;
        c.accept("IF", "NOT", "EXISTS");
        facts.target = c.name();
        addName(facts, facts.target);
    }

    private static void trigger(Cursor c, StatementFacts facts) {
        facts.kind = Kind.CREATE_TRIGGER;
        facts.compound = true;
        c.accept("IF", "NOT", "EXISTS");
        addName(facts, c.name());
        int on = c.indexOfTopLevel("ON");
        if (on >= 0) {
            facts.target = new Cursor(c.tokens, on + 1, c.end).name();
            addName(facts, facts.target);
        }
    }

    private static void routine(Cursor c, StatementFacts facts, Kind kind) {
        facts.kind = kind;
        facts.compound = true;
        c.accept("IF", "NOT", "EXISTS");
        addName(facts, c.name());
    }

    // ---------------------------------------------------------------- ALTER

    private static void alter(Cursor c, StatementFacts facts) {
        c.next();
        facts.kind = Kind.OTHER_DDL;
        while (c.peek().isAny("ONLINE", "OFFLINE", "IGNORE", "ALGORITHM", "DEFINER")
                || (c.peek().is("SQL") && c.peek(1).is("SECURITY"))) {
            if (c.accept("ALGORITHM") || c.accept("DEFINER")) {
                c.acceptSymbol('=');
                skipUser(c);
            } else if (c.accept("SQL", "SECURITY")) {
                c.next();
            } else {
                c.next();
            }
        }
        String object = c.next().keyword();
        switch (object) {
            case "TABLE" -> alterTable(c, facts);
            case "VIEW" -> view(c, facts);
            case "EVENT" -> {
                facts.compound = true;
                addName(facts, c.name());
            }
            case "PROCEDURE", "FUNCTION" -> addName(facts, c.name());
            default -> {
                // ALTER DATABASE, USER, INSTANCE, SERVER ...: judged by the privileged-statement rule
            }
        }
    }

    private static void alterTable(Cursor c, StatementFacts facts) {
        facts.kind = Kind.ALTER_TABLE;
        facts.target = c.name();
        addName(facts, facts.target);
        for (Cursor spec : c.splitTopLevel(c.i, c.end)) {
            alterSpec(spec, facts);
        }
    }

    private static void alterSpec(Cursor c, StatementFacts facts) {
        String what = c.text();
        String word = c.peek().keyword();
        switch (word) {
            case "ADD" -> {
                c.next();
                boolean column = c.accept("COLUMN");
                if (!column && c.peek().type() == Token.Type.WORD && KEY_WORDS.contains(c.peek().keyword())) {
                    facts.specs.add(key(keyDef(c, facts), what));
                } else if (c.peek().is("PARTITION")) {
                    facts.specs.add(other(what));
                } else if (c.peek().isSymbol('(')) {
                    int close = c.matching(c.i);
                    for (Cursor item : c.splitTopLevel(c.i + 1, close)) {
                        Token first = item.peek();
                        if (first.type() == Token.Type.WORD && KEY_WORDS.contains(first.keyword())) {
                            facts.specs.add(key(keyDef(item, facts), what));
                        } else {
                            addColumnSpec(facts, SpecKind.ADD_COLUMN, columnDef(item, facts), null, what);
                        }
                    }
                } else {
                    addColumnSpec(facts, SpecKind.ADD_COLUMN, columnDef(c, facts), null, what);
                }
            }
            case "DROP" -> {
                c.next();
                if (c.accept("PRIMARY", "KEY")) {
                    facts.specs.add(new AlterSpec(SpecKind.DROP_PRIMARY_KEY, null, null, null, null, null, what));
                } else if (c.peek().is("PARTITION")) {
                    facts.specs.add(new AlterSpec(SpecKind.DROP_DATA, null, null, null, null, null, what));
                } else if (c.peek().type() == Token.Type.WORD
                        && c.peek().isAny("INDEX", "KEY", "FOREIGN", "CHECK", "CONSTRAINT")) {
                    facts.specs.add(other(what));
                } else {
                    c.accept("COLUMN");
                    c.accept("IF", "EXISTS");
                    if (c.peek().isIdentifier()) {
                        facts.specs.add(new AlterSpec(SpecKind.DROP_COLUMN, null, c.next().name(), null, null, null,
                                what));
                    }
                }
            }
            case "MODIFY" -> {
                c.next();
                c.accept("COLUMN");
                c.accept("IF", "EXISTS");
                addColumnSpec(facts, SpecKind.MODIFY_COLUMN, columnDef(c, facts), null, what);
            }
            case "CHANGE" -> {
                c.next();
                c.accept("COLUMN");
                c.accept("IF", "EXISTS");
                String oldName = c.peek().isIdentifier() ? c.next().name() : null;
                addColumnSpec(facts, SpecKind.CHANGE_COLUMN, columnDef(c, facts), oldName, what);
            }
            case "RENAME" -> {
                c.next();
                if (c.accept("COLUMN")) {
                    String oldName = c.next().name();
                    c.accept("TO");
                    facts.specs.add(new AlterSpec(SpecKind.RENAME_COLUMN, null, oldName, c.next().name(), null, null,
                            what));
                } else if (c.peek().isAny("INDEX", "KEY")) {
                    facts.specs.add(other(what));
                } else {
                    if (!c.accept("TO")) {
                        c.accept("AS");
                    }
                    QualifiedName newTable = c.name();
                    addName(facts, newTable);
                    facts.specs.add(new AlterSpec(SpecKind.RENAME_TABLE, null, null, null, newTable, null, what));
                }
            }
            case "TRUNCATE", "DISCARD" -> {
                facts.specs.add(new AlterSpec(SpecKind.DROP_DATA, null, null, null, null, null, what));
            }
            case "CONVERT" -> {
                c.next();
                c.accept("TO");
                tableOptions(c, facts);
                facts.specs.add(other(what));
            }
            default -> {
                tableOptions(c, facts);
                facts.specs.add(other(what));
            }
        }
    }

    private static void addColumnSpec(StatementFacts facts, SpecKind kind, ColumnDef column, String oldName,
            String what) {
        if (column != null) {
            facts.specs.add(new AlterSpec(kind, column, oldName, column.name(), null, null, what));
        }
    }

    private static AlterSpec key(KeyDef key, String what) {
        return new AlterSpec(SpecKind.ADD_KEY, null, null, null, null, key, what);
    }

    private static AlterSpec other(String what) {
        return new AlterSpec(SpecKind.OTHER, null, null, null, null, null, what);
    }

    // ---------------------------------------------------------------- DROP, RENAME, TRUNCATE

    private static void drop(Cursor c, StatementFacts facts) {
        c.next();
        facts.temporary = c.accept("TEMPORARY");
        String object = c.next().keyword();
        switch (object) {
            case "TABLE", "TABLES" -> {
                facts.kind = Kind.DROP_TABLE;
                c.accept("IF", "EXISTS");
                for (QualifiedName name : nameList(c)) {
                    facts.dropped.add(name);
                    addName(facts, name);
                }
            }
            case "INDEX" -> {
                facts.kind = Kind.DROP_INDEX;
                c.next();
                if (c.accept("ON")) {
                    facts.target = c.name();
                    addName(facts, facts.target);
                }
            }
            case "DATABASE", "SCHEMA" -> facts.kind = Kind.DROP_DATABASE;
            case "VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT" -> {
                facts.kind = Kind.DROP_OTHER;
                c.accept("IF", "EXISTS");
                nameList(c).forEach(name -> addName(facts, name));
            }
            default -> facts.kind = Kind.OTHER_DDL;
        }
    }

    private static void rename(Cursor c, StatementFacts facts) {
        c.next();
        if (!c.accept("TABLE") && !c.accept("TABLES")) {
            facts.kind = Kind.OTHER_DDL;
            return;
        }
        facts.kind = Kind.RENAME_TABLE;
        while (!c.atEnd()) {
            QualifiedName from = c.name();
            c.accept("TO");
            QualifiedName to = c.name();
            if (from == null || to == null) {
                break;
            }
            facts.renames.add(new Rename(from, to));
            addName(facts, from);
            addName(facts, to);
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
    }

    private static void truncate(Cursor c, StatementFacts facts) {
        c.next();
        facts.kind = Kind.TRUNCATE;
        c.accept("TABLE");
        facts.target = c.name();
        addName(facts, facts.target);
    }

    // ---------------------------------------------------------------- DML and friends

    private static void insert(Cursor c, StatementFacts facts, Kind kind) {
        c.next();
        facts.kind = kind;
        while (c.peek().isAny("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE")) {
            c.next();
        }
        c.accept("INTO");
        facts.target = c.name();
        addName(facts, facts.target);
    }

    private static void delete(Cursor c, StatementFacts facts) {
        c.next();
        facts.kind = Kind.DELETE;
        while (c.peek().isAny("LOW_PRIORITY", "QUICK", "IGNORE")) {
            c.next();
        }
        if (!c.accept("FROM")) {
            return;
        }
        facts.target = c.name();
        if (c.peek().is("AS")) {
            c.next();
            c.next();
        } else if (c.peek().isIdentifier() && !ALIAS_STOP.contains(c.peek().keyword())) {
            c.next();
        }
        boolean singleTable = c.atEnd() || c.peek().isAny("WHERE", "ORDER", "LIMIT", "PARTITION");
        boolean restricted = false;
        for (int k = c.i; k < c.end; k++) {
            restricted |= c.tokens.get(k).isAny("WHERE", "LIMIT");
        }
        facts.deletesEveryRow = singleTable && !restricted;
    }

    private static void lockTables(Cursor c, StatementFacts facts) {
        c.next();
        facts.kind = Kind.LOCK_TABLES;
        if (!c.accept("TABLES") && !c.accept("TABLE")) {
            facts.kind = Kind.OTHER;
            return;
        }
        while (!c.atEnd()) {
            addName(facts, c.name());
            while (!c.atEnd() && !c.peek().isSymbol(',')) {
                c.next();
            }
            c.acceptSymbol(',');
        }
    }

    private static void maintenance(Cursor c, StatementFacts facts) {
        c.next();
        while (c.peek().isAny("NO_WRITE_TO_BINLOG", "LOCAL")) {
            c.next();
        }
        if (c.accept("TABLE") || c.accept("TABLES")) {
            facts.kind = Kind.MAINTENANCE;
            nameList(c).forEach(name -> addName(facts, name));
        }
    }

    private static void call(Cursor c, StatementFacts facts) {
        c.next();
        facts.kind = Kind.CALL;
        addName(facts, c.name());
    }

    // ---------------------------------------------------------------- shared scanners

    /**
     * Tables named after FROM, JOIN, INTO and UPDATE, for statements JSqlParser could not read and for the bodies
     * of routines and triggers. FROM inside EXTRACT(...), TRIM(...) and the like is skipped.
     */
    static List<QualifiedName> tablesByPosition(List<Token> tokens) {
        List<QualifiedName> found = new ArrayList<>();
        List<String> parenOwners = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            if (token.isSymbol('(')) {
                parenOwners.add(k > 0 ? tokens.get(k - 1).keyword() : "");
                continue;
            }
            if (token.isSymbol(')')) {
                if (!parenOwners.isEmpty()) {
                    parenOwners.remove(parenOwners.size() - 1);
                }
                continue;
            }
            String owner = parenOwners.isEmpty() ? "" : parenOwners.get(parenOwners.size() - 1);
            boolean tablePosition = token.isAny("JOIN", "STRAIGHT_JOIN")
                    || (token.is("FROM") && !FROM_FUNCTIONS.contains(owner))
                    || (token.is("INTO") && !tokens.get(Math.min(k + 1, tokens.size() - 1)).isAny("OUTFILE",
                            "DUMPFILE"))
                    || (token.is("UPDATE") && (k == 0 || !tokens.get(k - 1).is("KEY")))
                    || token.is("TABLE");
            if (!tablePosition) {
                continue;
            }
            Cursor c = new Cursor(tokens, k + 1, tokens.size());
            while (c.peek().isAny("LOW_PRIORITY", "IGNORE", "ONLY", "LATERAL")) {
                c.next();
            }
            while (true) {
                QualifiedName name = c.name();
                if (name == null) {
                    break;
                }
                found.add(name);
                if (c.accept("AS")) {
                    c.next();
                } else if (c.peek().isIdentifier() && !ALIAS_STOP.contains(c.peek().keyword())) {
                    c.next();
                }
                if (!c.acceptSymbol(',')) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Names that can only be schema-qualified wherever they appear: {@code a.b.c} (a column of a table in schema
     * a) and {@code a.b(...)} (a stored function in schema a).
     */
    static List<QualifiedName> qualifiedAnywhere(List<Token> tokens) {
        List<QualifiedName> found = new ArrayList<>();
        for (int k = 0; k + 2 < tokens.size(); k++) {
            Token a = tokens.get(k);
            if (!a.isIdentifier() || !tokens.get(k + 1).isSymbol('.') || !tokens.get(k + 2).isIdentifier()) {
                continue;
            }
            if (k > 0 && tokens.get(k - 1).isSymbol('.')) {
                continue;
            }
            boolean threeParts = k + 4 < tokens.size() && tokens.get(k + 3).isSymbol('.')
                    && (tokens.get(k + 4).isIdentifier() || tokens.get(k + 4).isSymbol('*'));
            boolean function = k + 3 < tokens.size() && tokens.get(k + 3).isSymbol('(');
            if (threeParts || function) {
                found.add(new QualifiedName(a.name(), tokens.get(k + 2).name()));
            }
        }
        return found;
    }

    /** Every {@code schema.x} whose schema is one of {@code schemas}, in any position. */
    static List<QualifiedName> namesInSchemas(List<Token> tokens, Set<String> schemas) {
        List<QualifiedName> found = new ArrayList<>();
        for (int k = 0; k + 2 < tokens.size(); k++) {
            Token a = tokens.get(k);
            if (a.isIdentifier() && schemas.contains(a.name().toLowerCase(Locale.ROOT))
                    && tokens.get(k + 1).isSymbol('.') && (k == 0 || !tokens.get(k - 1).isSymbol('.'))
                    && (tokens.get(k + 2).isIdentifier() || tokens.get(k + 2).isSymbol('*'))) {
                found.add(new QualifiedName(a.name(), tokens.get(k + 2).name()));
            }
        }
        return found;
    }

    private static List<QualifiedName> nameList(Cursor c) {
        List<QualifiedName> names = new ArrayList<>();
        while (!c.atEnd()) {
            QualifiedName name = c.name();
            if (name == null) {
                break;
            }
            names.add(name);
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
        return names;
    }

    /** Skips {@code 'user'@'host'}, {@code CURRENT_USER[()]} or a bare word after DEFINER= or ALGORITHM=. */
    private static void skipUser(Cursor c) {
        c.next();
        if (c.peek().isSymbol('(') && c.peek(1).isSymbol(')')) {
            c.next();
            c.next();
        }
        if (c.peek().isSymbol('@')) {
            c.next();
            c.next();
        } else if (c.peek().type() == Token.Type.VARIABLE && !c.peek().raw().startsWith("@@")) {
            c.next();
        }
    }

    private static void addName(StatementFacts facts, QualifiedName name) {
        if (name != null) {
            facts.names.add(name);
        }
    }

    private static void addName(List<String> names, Token token) {
        if (token.isIdentifier() || token.type() == Token.Type.STRING) {
            names.add(token.name());
        }
    }

    /** A window [i, end) over a token list. */
    static final class Cursor {
        final List<Token> tokens;
        final int end;
        int i;

        Cursor(List<Token> tokens, int from, int end) {
            this.tokens = tokens;
            this.i = from;
            this.end = Math.min(end, tokens.size());
        }

        boolean atEnd() {
            return i >= end;
        }

        Token peek() {
            return peek(0);
        }

        Token peek(int ahead) {
            int at = i + ahead;
            return at < end ? tokens.get(at) : END;
        }

        Token next() {
            Token token = peek();
            if (!atEnd()) {
                i++;
            }
            return token;
        }

        /** Consumes the keywords if they all come next, in order. */
        boolean accept(String... keywords) {
            for (int k = 0; k < keywords.length; k++) {
                if (!peek(k).is(keywords[k])) {
                    return false;
                }
            }
            i += keywords.length;
            return true;
        }

        boolean acceptSymbol(char symbol) {
            if (peek().isSymbol(symbol)) {
                i++;
                return true;
            }
            return false;
        }

        /** {@code name} or {@code schema.name}; null when no identifier comes next. */
        QualifiedName name() {
            if (!peek().isIdentifier()) {
                return null;
            }
            String first = next().name();
            if (peek().isSymbol('.') && peek(1).isIdentifier()) {
                next();
                return new QualifiedName(first, next().name());
            }
            return new QualifiedName(null, first);
        }

        /** Skips one value: a token, a signed number, or a parenthesised expression (with its function name). */
        void skipValue() {
            if (peek().isSymbol('-') || peek().isSymbol('+')) {
                next();
            }
            if (!peek().isSymbol('(')) {
                next();
            }
            if (peek().isSymbol('(')) {
                i = matching(i) + 1;
            }
        }

        /** Index of the ')' matching the '(' at {@code open}, or {@code end} when unbalanced. */
        int matching(int open) {
            int depth = 0;
            for (int k = open; k < end; k++) {
                Token token = tokens.get(k);
                if (token.isSymbol('(')) {
                    depth++;
                } else if (token.isSymbol(')') && --depth == 0) {
                    return k;
                }
            }
            return end;
        }

        /** Index of the keyword outside parentheses from here on, or -1. */
        int indexOfTopLevel(String keyword) {
            int depth = 0;
            for (int k = i; k < end; k++) {
                Token token = tokens.get(k);
                if (token.isSymbol('(')) {
                    depth++;
                } else if (token.isSymbol(')')) {
                    depth--;
                } else if (depth == 0 && token.is(keyword)) {
                    return k;
                }
            }
            return -1;
        }

        /** The range [from, to) cut at commas outside parentheses. */
        List<Cursor> splitTopLevel(int from, int to) {
            List<Cursor> parts = new ArrayList<>();
            int depth = 0;
            int start = from;
            int stop = Math.min(to, end);
            for (int k = from; k < stop; k++) {
                Token token = tokens.get(k);
                if (token.isSymbol('(')) {
                    depth++;
                } else if (token.isSymbol(')')) {
                    depth--;
                } else if (depth == 0 && token.isSymbol(',')) {
                    if (k > start) {
                        parts.add(new Cursor(tokens, start, k));
                    }
                    start = k + 1;
                }
            }
            if (stop > start) {
                parts.add(new Cursor(tokens, start, stop));
            }
            return parts;
        }

        /** The window's tokens joined by spaces, for messages. */
        String text() {
            StringBuilder text = new StringBuilder();
            for (int k = i; k < end; k++) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(tokens.get(k).raw());
            }
            return text.toString();
        }
    }
}
