package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.AlterSpec;
import dev.larder.backend.migration.lint.StatementFacts.KeyKind;
import dev.larder.backend.migration.lint.StatementFacts.Kind;
import dev.larder.backend.migration.lint.StatementFacts.SpecKind;
import java.util.List;
import java.util.Locale;

/** Schema design: keys, engine, character sets, objects with hidden behaviour, and how a file is cut. */
final class DesignRules {

    private DesignRules() {
    }

    static void check(Judged statement, Findings out) {
        StatementFacts facts = statement.facts();
        if (facts.kind == Kind.CREATE_TABLE && !facts.temporary && !facts.likeOther && !facts.hasPrimaryKey()) {
            out.add(LintRule.DESIGN_NO_PRIMARY_KEY, statement, "`" + facts.target + "` has no PRIMARY KEY; InnoDB"
                    + " then clusters on a hidden row id, group replication and online schema change tools refuse"
                    + " the table, and rows cannot be addressed safely: add one");
        }
        if (facts.kind == Kind.ALTER_TABLE
                && facts.specs.stream().anyMatch(spec -> spec.kind() == SpecKind.DROP_PRIMARY_KEY)
                && facts.specs.stream().noneMatch(DesignRules::addsPrimaryKey)) {
            out.add(LintRule.DESIGN_NO_PRIMARY_KEY, statement, "`" + facts.target + "` loses its PRIMARY KEY; add"
                    + " the new one in the same ALTER TABLE");
        }
        if ((facts.kind == Kind.CREATE_TABLE || facts.kind == Kind.ALTER_TABLE)
                && (facts.keys.stream().anyMatch(key -> key.kind() == KeyKind.FOREIGN)
                        || facts.specs.stream().anyMatch(spec -> spec.key() != null
                                && spec.key().kind() == KeyKind.FOREIGN))) {
            out.add(LintRule.DESIGN_FOREIGN_KEY, statement, "foreign keys make online schema changes (gh-ost,"
                    + " pt-online-schema-change) impossible or risky and lock parent rows on every write; check"
                    + " references in the service instead");
        }
        switch (facts.kind) {
            case CREATE_TRIGGER -> out.add(LintRule.DESIGN_TRIGGER, statement, "triggers run hidden logic inside"
                    + " every write, block online schema changes and are easy to forget; do it in the service");
            case CREATE_ROUTINE -> out.add(LintRule.DESIGN_ROUTINE, statement, "stored procedures and functions put"
                    + " logic where the service's code review, tests and deploys do not reach");
            case CREATE_EVENT -> out.add(LintRule.DESIGN_EVENT, statement, "scheduled events are jobs nobody sees"
                    + " and run on every member of a replication group; schedule the job in the service");
            default -> {
                // no object with hidden behaviour
            }
        }
        for (String engine : facts.engines) {
            if (!engine.equalsIgnoreCase("InnoDB")) {
                out.add(LintRule.DESIGN_ENGINE, statement, "ENGINE=" + engine + ": only InnoDB is transactional,"
                        + " crash-safe and supported by group replication and backups; use InnoDB");
            }
        }
        for (String charset : charsets(facts)) {
            if (!charset.equalsIgnoreCase("utf8mb4")) {
                out.add(LintRule.DESIGN_CHARSET, statement, "character set " + charset + ": use utf8mb4, which holds"
                        + " every Unicode character (utf8/utf8mb3 does not) and matches the rest of the schema");
            }
        }
        for (String collation : facts.collations) {
            if (!collation.toLowerCase(Locale.ROOT).startsWith("utf8mb4_")) {
                out.add(LintRule.DESIGN_CHARSET, statement, "collation " + collation + ": use a utf8mb4_* collation"
                        + " (e.g. utf8mb4_0900_ai_ci)");
            }
        }
    }

    /** Rules about how one file is cut: several DDL statements, or DDL mixed with DML. */
    static void checkFile(List<Judged> statements, Findings out) {
        List<Judged> ddl = statements.stream().filter(statement -> statement.facts().isDdl()).toList();
        List<Judged> dml = statements.stream().filter(statement -> statement.facts().isDml()).toList();
        if (ddl.size() > 1) {
            out.add(LintRule.DESIGN_MULTIPLE_DDL, ddl.get(1), "this file has " + ddl.size() + " DDL statements;"
                    + " MySQL commits each one on its own, so if a later one fails the earlier ones stay applied and"
                    + " the file cannot simply be re-run: put each DDL statement in its own file");
        }
        if (!ddl.isEmpty() && !dml.isEmpty()) {
            Judged later = ddl.get(0).line() < dml.get(0).line() ? dml.get(0) : ddl.get(0);
            out.add(LintRule.DESIGN_DDL_WITH_DML, later, "this file mixes DDL and DML; DDL commits implicitly, so"
                    + " a failure leaves the data half changed: put schema changes and data changes in separate files");
        }
    }

    private static boolean addsPrimaryKey(AlterSpec spec) {
        return (spec.key() != null && spec.key().kind() == KeyKind.PRIMARY)
                || (spec.column() != null && spec.column().primaryKey());
    }

    /** Character sets named by the statement, including SET NAMES and SET CHARACTER SET. */
    private static List<String> charsets(StatementFacts facts) {
        if (facts.kind != Kind.SET || facts.tokens.size() < 3) {
            return facts.charsets;
        }
        List<Token> tokens = facts.tokens;
        int value = tokens.get(1).is("NAMES") || tokens.get(1).is("CHARSET") ? 2
                : tokens.get(1).is("CHARACTER") && tokens.get(2).is("SET") ? 3 : -1;
        if (value < 0 || value >= tokens.size() || tokens.get(value).is("DEFAULT")) {
            return facts.charsets;
        }
        Token charset = tokens.get(value);
        return charset.isIdentifier() || charset.type() == Token.Type.STRING ? List.of(charset.name())
                : facts.charsets;
    }
}
