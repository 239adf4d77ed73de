package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The migration quality gate for MySQL bundles. Plain Java, no CDI: build one with a policy and call
 * {@link #lint(LintInput)} as often as needed; it is stateless and thread-safe.
 *
 * <p>A run checks the bundle's file names and versions against what Larder applied, replays applied files into a
 * model of the schema, then judges each statement of each pending file. It never throws on the bundle's content:
 * SQL the parser cannot read becomes a {@code syntax.unparsable} finding, and a failure of the lint itself becomes a
 * {@code lint.internal-error} ERROR, so a bundle is blocked rather than waved through.
 */
public final class MigrationLinter {

    /** Kinds whose JSqlParser failure may come from a known gap and is retried on a rewritten statement. */
    private static final Set<Kind> RETRIED = Set.of(Kind.CREATE_TABLE, Kind.ALTER_TABLE, Kind.CREATE_INDEX);

    private final LintPolicy policy;

    public MigrationLinter(LintPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** With every rule at its default severity. */
    public MigrationLinter() {
        this(LintPolicy.defaults());
    }

    /** Lints one bundle. Never throws because of the files' names or contents. */
    public LintReport lint(LintInput input) {
        Findings out = new Findings(policy, input.environment());
        List<MigrationFile> files = input.files();
        try (SqlParser parser = new SqlParser()) {
            List<FlywayRules.Status> statuses = FlywayRules.check(files, input.appliedSha256ByVersion(), out);
            SchemaModel model = new SchemaModel(input.schema());
            for (int index : versionOrder(files)) {
                MigrationFile file = files.get(index);
                try {
                    lintFile(file, statuses.get(index) == FlywayRules.Status.PENDING, input, model, parser, out);
                } catch (RuntimeException | StackOverflowError e) {
                    internalError(out, file.name(), null, null, e);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            internalError(out, "", null, null, e);
        }
        return new LintReport(sorted(out.list(), files));
    }

    private static void lintFile(MigrationFile file, boolean pending, LintInput input, SchemaModel model,
            SqlParser parser, Findings out) {
        List<SqlSplitter.Piece> pieces = SqlSplitter.split(file.content());
        if (pieces.isEmpty()) {
            if (pending) {
                out.add(LintRule.FLYWAY_EMPTY_FILE, file.name(), null, null, "the file contains no statement;"
                        + " Flyway would record its version as applied although nothing changed: remove it or add"
                        + " the statements");
            }
            return;
        }
        List<Judged> judged = new ArrayList<>();
        for (SqlSplitter.Piece piece : pieces) {
            try {
                StatementFacts facts = StatementAnalyzer.analyze(SqlLexer.tokens(piece.code()));
                if (pending) {
                    Judged statement = judge(file, piece, facts, input, model, parser, out);
                    judged.add(statement);
                }
                model.apply(facts, pending);
            } catch (RuntimeException | StackOverflowError e) {
                internalError(out, file.name(), piece.line(), piece.text(), e);
            }
        }
        DesignRules.checkFile(judged, out);
    }

    private static Judged judge(MigrationFile file, SqlSplitter.Piece piece, StatementFacts facts, LintInput input,
            SchemaModel model, SqlParser parser, Findings out) {
        SqlParser.Result parse = null;
        if (!facts.readByText() && !TenantRules.refusedByText(facts)) {
            parse = parse(parser, piece, facts);
        }
        Judged statement = new Judged(file.name(), piece.line(), piece.text(), facts, parse);
        if (!piece.complete()) {
            out.add(LintRule.SYNTAX_UNPARSABLE, statement, "the statement never ends: the file ends inside a quoted"
                    + " string or an unclosed BEGIN ... END; everything from here on is one statement");
        } else if (!facts.compound && facts.tokens.stream().anyMatch(token -> token.isSymbol(';'))) {
            out.add(LintRule.SYNTAX_UNPARSABLE, statement, "this holds more than one statement (a ';' inside a"
                    + " DELIMITER block); end each statement with the delimiter");
        } else if (parse != null && !parse.parsed()) {
            out.add(LintRule.SYNTAX_UNPARSABLE, statement, "cannot parse this statement (" + parse.error()
                    + "); fix the syntax, or split it into simpler statements");
        }
        TenantRules.check(statement, input.schema(), out);
        ChangeRules.check(statement, model, out);
        DesignRules.check(statement, out);
        if (input.replicated()) {
            ReplicationRules.check(statement, model, out);
        }
        return statement;
    }

    /** Parses, and retries once with the statement rewritten around JSqlParser's known MySQL gaps. */
    private static SqlParser.Result parse(SqlParser parser, SqlSplitter.Piece piece, StatementFacts facts) {
        SqlParser.Result result = parser.parse(piece.code(), piece.line());
        if (result.parsed() || !RETRIED.contains(facts.kind)) {
            return result;
        }
        String rewritten = KnownGaps.rewrite(facts);
        if (rewritten == null) {
            return result;
        }
        SqlParser.Result retried = parser.parse(rewritten, piece.line());
        return retried.parsed() ? retried : result;
    }

    private static List<Integer> versionOrder(List<MigrationFile> files) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> files.get(i).version() == null)
                .thenComparing((a, b) -> {
                    String left = files.get(a).version();
                    String right = files.get(b).version();
                    return left == null || right == null ? 0 : MigrationFile.compareVersions(left, right);
                }));
        return order;
    }

    private static List<Finding> sorted(List<Finding> findings, List<MigrationFile> files) {
        Map<String, Integer> positions = new HashMap<>();
        List<Integer> order = versionOrder(files);
        for (int position = 0; position < order.size(); position++) {
            positions.putIfAbsent(files.get(order.get(position)).name(), position);
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt((Finding finding) -> positions.getOrDefault(finding.file(),
                Integer.MAX_VALUE)).thenComparing(finding -> finding.line() == null ? 0 : finding.line()));
        return sorted;
    }

    private static void internalError(Findings out, String file, Integer line, String statement, Throwable e) {
        out.add(LintRule.LINT_INTERNAL_ERROR, file, line, statement, "the lint failed here ("
                + e.getClass().getSimpleName() + "); the bundle stays blocked until the lint is fixed, please report"
                + " it to the datastore team");
    }
}
