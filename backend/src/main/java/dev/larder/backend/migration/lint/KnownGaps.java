package dev.larder.backend.migration.lint;

import dev.larder.backend.migration.lint.StatementFacts.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites valid MySQL that JSqlParser 5.3 cannot read into an equivalent it can, only to pass the syntax gate
 * (the rules read the original tokens). Each rewrite names the gap it covers:
 * <ul>
 *   <li>CREATE TABLE with an unnamed {@code KEY (a)}, {@code INDEX (a)}, {@code FULLTEXT (a)} or
 *       {@code SPATIAL (a)}: a name is added</li>
 *   <li>CREATE INDEX ... {@code ALGORITHM=...} / {@code LOCK=...}: the options are removed</li>
 *   <li>ALTER TABLE ... {@code DROP FOREIGN KEY fk} and {@code DROP CHECK c}: read as {@code DROP CONSTRAINT}</li>
 *   <li>ALTER TABLE t {@code RENAME t2} (no TO/AS): {@code RENAME TO t2}</li>
 * </ul>
 */
final class KnownGaps {

    private KnownGaps() {
    }

    /** The rewritten statement, or null when no gap applies. */
    static String rewrite(StatementFacts facts) {
        List<Token> tokens = facts.tokens;
        List<String> out = new ArrayList<>();
        boolean changed = false;
        int depth = 0;
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            Token previous = k > 0 ? tokens.get(k - 1) : null;
            Token next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            }
            if (facts.kind == Kind.CREATE_TABLE && depth == 1 && previous != null
                    && (previous.isSymbol('(') || previous.isSymbol(','))
                    && token.isAny("KEY", "INDEX", "FULLTEXT", "SPATIAL")) {
                out.add(token.raw());
                if (token.isAny("FULLTEXT", "SPATIAL") && next != null && next.isAny("KEY", "INDEX")) {
                    out.add(next.raw());
                    k++;
                    next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
                }
                if (next != null && next.isSymbol('(')) {
                    out.add("lint_unnamed_" + k);
                    changed = true;
                }
                continue;
            }
            if (facts.kind == Kind.CREATE_INDEX && depth == 0 && token.isAny("ALGORITHM", "LOCK")) {
                k += next != null && next.isSymbol('=') ? 2 : 1;
                changed = true;
                continue;
            }
            if (facts.kind == Kind.ALTER_TABLE && depth == 0 && previous != null && previous.is("DROP")
                    && token.is("FOREIGN") && next != null && next.is("KEY")) {
                out.add("CONSTRAINT");
                k++;
                changed = true;
                continue;
            }
            if (facts.kind == Kind.ALTER_TABLE && depth == 0 && previous != null && previous.is("DROP")
                    && token.is("CHECK")) {
                out.add("CONSTRAINT");
                changed = true;
                continue;
            }
            if (facts.kind == Kind.ALTER_TABLE && depth == 0 && token.is("RENAME") && next != null
                    && !next.isAny("TO", "AS", "COLUMN", "INDEX", "KEY")) {
                out.add("RENAME");
                out.add("TO");
                changed = true;
                continue;
            }
            out.add(token.raw());
        }
        return changed ? String.join(" ", out) : null;
    }
}
