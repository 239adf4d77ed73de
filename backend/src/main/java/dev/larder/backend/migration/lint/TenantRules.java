package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant boundary: a migration may touch its own schema and nothing else. The privileged-statement check works
 * on tokens, before and independently of JSqlParser, so it also catches what the parser cannot read (GRANT, FLUSH,
 * LOAD DATA, SELECT ... INTO OUTFILE, CHANGE REPLICATION SOURCE ...), and it looks inside the bodies of routines,
 * triggers and events.
 */
final class TenantRules {

    /** Schemas that are off limits wherever their name appears. information_schema is allowed: it only ever
     * shows what the datastore's own account may see, and idempotent migrations read it. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "performance_schema", "sys");
    private static final String ALLOWED_READ_ONLY_SCHEMA = "information_schema";

    /** Words after which a new statement starts inside a routine, trigger or event body. */
    private static final Set<String> BODY_STATEMENT_STARTS = Set.of("BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT",
            "ROW");
    private static final Set<String> SYSTEM_VARIABLES_NEEDING_ADMIN = Set.of("SQL_LOG_BIN", "GTID_NEXT",
            "GTID_PURGED", "GTID_EXECUTED", "PSEUDO_THREAD_ID", "SQL_REPLICA_SKIP_COUNTER", "SQL_SLAVE_SKIP_COUNTER");

    private TenantRules() {
    }

    static void check(Judged statement, String schema, Findings out) {
        StatementFacts facts = statement.facts();
        List<Token> tokens = facts.tokens;
        for (int start : statementStarts(facts)) {
            privilegedAt(tokens, start).ifPresent(reason -> out.add(LintRule.TENANT_PRIVILEGED, statement, reason));
            if (tokens.get(start).is("USE")) {
                out.add(LintRule.TENANT_USE, statement, "USE switches to another schema; Larder runs every migration"
                        + " in `" + schema + "` already, so leave USE out");
            }
            if (tokens.get(start).is("PREPARE") || (tokens.get(start).is("EXECUTE")
                    && start + 1 < tokens.size() && tokens.get(start + 1).is("IMMEDIATE"))) {
                out.add(LintRule.TENANT_DYNAMIC_SQL, statement, "dynamic SQL (PREPARE/EXECUTE) hides the statement"
                        + " it runs from review and from this lint; write the statement itself");
            }
        }
        privilegedAnywhere(tokens).ifPresent(reason -> out.add(LintRule.TENANT_PRIVILEGED, statement, reason));

        for (QualifiedName reference : facts.references) {
            if (reference.outside(schema)) {
                out.add(LintRule.TENANT_CROSS_SCHEMA_FK, statement, "the foreign key references `" + reference
                        + "` in schema `" + reference.schema() + "`; a datastore's keys may only reference its own"
                        + " tables");
            }
        }
        for (QualifiedName name : referencedNames(statement)) {
            if (name.outside(schema) && !name.schema().equalsIgnoreCase(ALLOWED_READ_ONLY_SCHEMA)
                    && !facts.references.contains(name)) {
                out.add(LintRule.TENANT_QUALIFIED_NAME, statement, "`" + name + "` is in schema `" + name.schema()
                        + "`; a migration for `" + schema + "` may only touch its own schema (leave names"
                        + " unqualified)");
            }
        }
    }

    /** Every table, view or routine name the statement mentions, from all sources that apply. */
    private static Set<QualifiedName> referencedNames(Judged statement) {
        StatementFacts facts = statement.facts();
        Set<QualifiedName> names = new LinkedHashSet<>(facts.names);
        if (statement.parsed()) {
            names.addAll(SqlParser.tables(statement.parse().statement()));
        }
        if (!statement.parsed() || facts.compound) {
            names.addAll(StatementAnalyzer.tablesByPosition(facts.tokens));
        }
        names.addAll(StatementAnalyzer.qualifiedAnywhere(facts.tokens));
        names.addAll(StatementAnalyzer.namesInSchemas(facts.tokens, SYSTEM_SCHEMAS));
        return names;
    }

    /**
     * Index 0, every token after a ';' (a DELIMITER block may hold several statements), and for routines,
     * triggers and events every statement start inside the body.
     */
    static List<Integer> statementStarts(StatementFacts facts) {
        List<Integer> starts = new ArrayList<>();
        List<Token> tokens = facts.tokens;
        if (tokens.isEmpty()) {
            return starts;
        }
        starts.add(0);
        for (int k = 1; k < tokens.size(); k++) {
            Token before = tokens.get(k - 1);
            boolean label = facts.compound && before.isSymbol(':') && k >= 2 && tokens.get(k - 2).isIdentifier();
            boolean bodyStart = facts.compound && BODY_STATEMENT_STARTS.contains(before.keyword());
            if (before.isSymbol(';') || label || bodyStart) {
                if (tokens.get(k).type() == Token.Type.WORD) {
                    starts.add(k);
                }
            }
        }
        return starts;
    }

    /** Why the statement starting at {@code k} needs administrative privileges, if it does. */
    static Optional<String> privilegedAt(List<Token> tokens, int k) {
        String first = word(tokens, k);
        int object = word(tokens, k + 1).equals("OR") && word(tokens, k + 2).equals("REPLACE") ? k + 3 : k + 1;
        String second = word(tokens, object);
        String third = word(tokens, object + 1);
        String accounts = "accounts, roles and privileges are Larder's to manage; ask for access through Larder";
        switch (first) {
            case "GRANT", "REVOKE" -> {
                return Optional.of(first + " changes privileges; " + accounts);
            }
            case "CREATE", "DROP", "ALTER", "RENAME" -> {
                if (Set.of("USER", "ROLE").contains(second)) {
                    return Optional.of(first + " " + second + ": " + accounts);
                }
                if (Set.of("DATABASE", "SCHEMA").contains(second)) {
                    return Optional.of(first + " " + second + ": Larder creates and removes the datastore's schema;"
                            + " a migration works inside it");
                }
                if (Set.of("SERVER", "TABLESPACE", "LOGFILE", "INSTANCE", "RESOURCE").contains(second)
                        || (second.equals("UNDO") && third.equals("TABLESPACE"))
                        || (second.equals("SPATIAL") && third.equals("REFERENCE"))) {
                    return Optional.of(first + " " + second + " changes the server, not the schema");
                }
            }
            case "SET" -> {
                return setStatement(tokens, k);
            }
            case "INSTALL", "UNINSTALL" -> {
                return Optional.of(first + " " + second + " loads code into the server");
            }
            case "LOAD" -> {
                return Optional.of("LOAD " + second + " reads files on the server or the client; ship data as"
                        + " INSERT statements");
            }
            case "FLUSH", "KILL", "SHUTDOWN", "RESTART", "RESET", "PURGE", "BINLOG", "CLONE" -> {
                return Optional.of(first + " controls the server, not the schema");
            }
            case "IMPORT" -> {
                return Optional.of("IMPORT TABLE reads tablespace files from the server's disk");
            }
            case "CHANGE" -> {
                if (second.equals("MASTER") || second.equals("REPLICATION")) {
                    return Optional.of("CHANGE " + second + " reconfigures replication");
                }
            }
            case "START", "STOP" -> {
                if (Set.of("SLAVE", "REPLICA", "GROUP_REPLICATION").contains(second)) {
                    return Optional.of(first + " " + second + " controls replication");
                }
            }
            default -> {
                // not privileged by its first words
            }
        }
        return Optional.empty();
    }

    private static Optional<String> setStatement(List<Token> tokens, int k) {
        String second = word(tokens, k + 1);
        if (second.equals("PASSWORD") || second.equals("ROLE") || (second.equals("DEFAULT")
                && word(tokens, k + 2).equals("ROLE"))) {
            return Optional.of("SET " + second + ": accounts, roles and privileges are Larder's to manage");
        }
        for (int j = k + 1; j < tokens.size() && !tokens.get(j).isSymbol(';'); j++) {
            Token token = tokens.get(j);
            String upper = token.raw().toUpperCase(Locale.ROOT);
            if (token.isAny("GLOBAL", "PERSIST", "PERSIST_ONLY") || upper.startsWith("@@GLOBAL.")
                    || upper.startsWith("@@PERSIST")) {
                return Optional.of("SET GLOBAL / SET PERSIST changes the whole server, every tenant on it");
            }
            String variable = upper.replaceFirst("^@@(SESSION\\.|LOCAL\\.)?", "");
            if ((token.type() == Token.Type.WORD || token.type() == Token.Type.VARIABLE)
                    && SYSTEM_VARIABLES_NEEDING_ADMIN.contains(variable)) {
                return Optional.of("setting " + variable.toLowerCase(Locale.ROOT) + " bypasses or steers"
                        + " replication and needs administrative privileges");
            }
        }
        return Optional.empty();
    }

    /** Clauses that are privileged wherever they appear in a statement. */
    static Optional<String> privilegedAnywhere(List<Token> tokens) {
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            String next = word(tokens, k + 1);
            if (token.is("INTO") && (next.equals("OUTFILE") || next.equals("DUMPFILE"))) {
                return Optional.of("SELECT ... INTO " + next + " writes a file on the database server");
            }
            if (token.is("LOAD_FILE") && k + 1 < tokens.size() && tokens.get(k + 1).isSymbol('(')) {
                return Optional.of("LOAD_FILE() reads a file on the database server");
            }
            if (token.is("DEFINER") && k + 1 < tokens.size() && tokens.get(k + 1).isSymbol('=')
                    && !word(tokens, k + 2).equals("CURRENT_USER")) {
                return Optional.of("DEFINER = another account makes the object run with that account's privileges;"
                        + " leave DEFINER out");
            }
            if (token.is("SONAME")) {
                return Optional.of("SONAME loads a shared library into the server");
            }
            if (token.is("ENGINE") && Set.of("FEDERATED", "CONNECT").contains(
                    word(tokens, tokens.size() > k + 1 && tokens.get(k + 1).isSymbol('=') ? k + 2 : k + 1))) {
                return Optional.of("FEDERATED and CONNECT tables reach other servers");
            }
            if (token.isAny("DATA", "INDEX") && next.equals("DIRECTORY")) {
                return Optional.of(token.keyword() + " DIRECTORY places files outside the server's data directory");
            }
        }
        return Optional.empty();
    }

    private static String word(List<Token> tokens, int k) {
        return k >= 0 && k < tokens.size() ? tokens.get(k).keyword() : "";
    }

    /** True when the statement is refused by the text checks, so JSqlParser's verdict adds nothing. */
    static boolean refusedByText(StatementFacts facts) {
        if (facts.kind == Kind.USE || facts.kind == Kind.PREPARE) {
            return true;
        }
        for (int start : statementStarts(facts)) {
            if (privilegedAt(facts.tokens, start).isPresent()) {
                return true;
            }
        }
        return privilegedAnywhere(facts.tokens).isPresent();
    }
}
