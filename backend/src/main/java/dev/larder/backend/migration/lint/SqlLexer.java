package dev.larder.backend.migration.lint;

import java.util.ArrayList;
import java.util.List;

/** Turns one statement's code (comments already blanked) into tokens. Never throws. */
final class SqlLexer {

    private SqlLexer() {
    }

    static List<Token> tokens(String code) {
        List<Token> tokens = new ArrayList<>();
        int n = code.length();
        int i = 0;
        while (i < n) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = SqlSplitter.skipQuoted(code, i);
                String raw = code.substring(i, end);
                tokens.add(new Token(Token.Type.STRING, raw, unquote(raw, c)));
                i = end;
            } else if (c == '`') {
                int end = SqlSplitter.skipQuoted(code, i);
                String raw = code.substring(i, end);
                tokens.add(new Token(Token.Type.QUOTED, raw, unquote(raw, c)));
                i = end;
            } else if (c == '@' && i + 1 < n
                    && (code.charAt(i + 1) == '@' || SqlSplitter.isWordChar(code.charAt(i + 1)))) {
                int end = i + 1;
                while (end < n && (code.charAt(end) == '@' || code.charAt(end) == '.'
                        || SqlSplitter.isWordChar(code.charAt(end)))) {
                    end++;
                }
                String raw = code.substring(i, end);
                tokens.add(new Token(Token.Type.VARIABLE, raw, raw));
                i = end;
            } else if (SqlSplitter.isWordChar(c)) {
                int end = i;
                boolean digitsOnly = true;
                while (end < n && SqlSplitter.isWordChar(code.charAt(end))) {
                    digitsOnly &= Character.isDigit(code.charAt(end));
                    end++;
                }
                String raw = code.substring(i, end);
                tokens.add(new Token(digitsOnly ? Token.Type.NUMBER : Token.Type.WORD, raw, raw));
                i = end;
            } else {
                int width = Character.charCount(code.codePointAt(i));
                String raw = code.substring(i, Math.min(n, i + width));
                tokens.add(new Token(Token.Type.SYMBOL, raw, raw));
                i += width;
            }
        }
        return tokens;
    }

    private static String unquote(String raw, char quote) {
        if (raw.length() < 2 || raw.charAt(raw.length() - 1) != quote) {
            return raw.substring(1);
        }
        String inner = raw.substring(1, raw.length() - 1);
        String doubled = String.valueOf(quote) + quote;
        return inner.replace(doubled, String.valueOf(quote));
    }
}
