package dev.larder.backend.migration.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * JSqlParser behind a budget: every statement gets at most {@link #STATEMENT_TIMEOUT_MS}, one lint run at most
 * {@link #RUN_BUDGET_MS} of parsing, and statements longer than {@link #MAX_STATEMENT_CHARS} are not parsed at all,
 * so a hostile bundle cannot keep the lint busy. Never throws.
 */
final class SqlParser implements AutoCloseable {

    static final long STATEMENT_TIMEOUT_MS = 5_000;
    static final long RUN_BUDGET_MS = 60_000;
    static final int MAX_STATEMENT_CHARS = 1_000_000;

    private static final Pattern POSITION = Pattern.compile("at line (\\d+), column (\\d+)");

    /** A parsed statement, or why there is none. */
    record Result(Statement statement, String error) {
        boolean parsed() {
            return statement != null;
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "larder-migration-lint-parser");
        thread.setDaemon(true);
        return thread;
    });
    private long spentNanos;

    /** Parses one statement; {@code firstLine} turns the parser's positions into file lines. */
    Result parse(String sql, int firstLine) {
        if (sql.length() > MAX_STATEMENT_CHARS) {
            return new Result(null, "the statement is " + sql.length() + " characters long; the parser reads at most "
                    + MAX_STATEMENT_CHARS + ": split it");
        }
        if (spentNanos > RUN_BUDGET_MS * 1_000_000) {
            return new Result(null, "not parsed: this bundle used up the lint's parsing time ("
                    + RUN_BUDGET_MS / 1000 + " s)");
        }
        long started = System.nanoTime();
        try {
            Statement statement = CCJSqlParserUtil.parse(sql, executor,
                    parser -> parser.withBackslashEscapeCharacter(true).withTimeOut(STATEMENT_TIMEOUT_MS));
            if (statement == null || statement instanceof UnsupportedStatement) {
                return new Result(null, "the parser does not understand this kind of statement");
            }
            return new Result(statement, null);
        } catch (Exception | StackOverflowError | LinkageError e) {
            return new Result(null, shorten(e, firstLine));
        } finally {
            spentNanos += System.nanoTime() - started;
        }
    }

    /** The parser's first sentence, positions as file lines, without the long list of expected tokens. */
    static String shorten(Throwable error, int firstLine) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (error.getMessage() != null && error.getMessage().startsWith("Time out")) {
            message = "the parser gave up after " + STATEMENT_TIMEOUT_MS / 1000 + " s";
        }
        int expecting = message.indexOf("Was expecting");
        if (expecting >= 0) {
            message = message.substring(0, expecting);
        }
        message = message.replaceAll("\\s+", " ").strip().replaceAll("(\"[^\"]*\") \\1", "$1");
        Matcher position = POSITION.matcher(message);
        if (position.find()) {
            long line = firstLine + Long.parseLong(position.group(1)) - 1;
            message = position.replaceFirst("at line " + line + ", column " + position.group(2));
        }
        message = message.replaceAll("\\.$", "");
        return message.length() > 200 ? message.substring(0, 199) + "…" : message;
    }

    /** Table names JSqlParser found in a statement, split into schema and name; empty if it cannot tell. */
    static List<QualifiedName> tables(Statement statement) {
        List<QualifiedName> names = new ArrayList<>();
        try {
            for (String table : new TablesNamesFinder<>().getTables(statement)) {
                List<String> parts = splitName(table);
                if (parts.size() >= 2) {
                    names.add(new QualifiedName(parts.get(parts.size() - 2), parts.get(parts.size() - 1)));
                } else if (parts.size() == 1) {
                    names.add(new QualifiedName(null, parts.get(0)));
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // TablesNamesFinder does not support every statement type; the token scans still run
        }
        return names;
    }

    /** Splits {@code `a`.`b`} or {@code a.b} at dots outside quotes and removes the quotes. */
    static List<String> splitName(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    part.append(ch);
                }
            } else if (ch == '`' || ch == '"') {
                quote = ch;
            } else if (ch == '.') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(ch);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
