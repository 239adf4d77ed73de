package dev.larder.backend.migration.lint;

import java.util.Locale;

/** A lexical token of a MySQL statement. */
record Token(Type type, String raw, String name) {

    enum Type {
        /** A keyword or an unquoted identifier; {@link #name()} is the text as written. */
        WORD,
        /** A `back-quoted` identifier; {@link #name()} is the identifier without quotes. */
        QUOTED,
        /** A 'string' or "string" literal; {@link #name()} is its value without quotes. */
        STRING,
        NUMBER,
        /** A user or system variable: {@code @x}, {@code @@global.x}. */
        VARIABLE,
        /** One character of punctuation or an operator. */
        SYMBOL
    }

    /** Upper-cased word, for keyword comparisons; empty for anything but a word. */
    String keyword() {
        return type == Type.WORD ? raw.toUpperCase(Locale.ROOT) : "";
    }

    boolean is(String keyword) {
        return type == Type.WORD && raw.equalsIgnoreCase(keyword);
    }

    boolean isAny(String... keywords) {
        for (String keyword : keywords) {
            if (is(keyword)) {
                return true;
            }
        }
        return false;
    }

    boolean isSymbol(char symbol) {
        return type == Type.SYMBOL && raw.length() == 1 && raw.charAt(0) == symbol;
    }

    /** A word or back-quoted name; a keyword can be an identifier too, so callers decide by position. */
    boolean isIdentifier() {
        return type == Type.WORD || type == Type.QUOTED;
    }
}
