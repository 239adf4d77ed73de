package dev.larder.backend.migration.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a MySQL migration file into statements the way Flyway's MySQL parser and the mysql client do: respects
 * quotes, comments, {@code DELIMITER} lines and BEGIN ... END bodies of routines, triggers and events, and keeps the
 * line each statement starts on. Executable comments ({@code /*!50001 ... *}{@code /}) are code to MySQL, so they
 * are unwrapped rather than dropped. Never throws; an unterminated quote simply runs to the end of the file.
 */
final class SqlSplitter {

    /**
     * One statement: where it starts, its text as written, its code (comments blanked), and whether it ended
     * properly (false when the file ends inside a quote or an unclosed BEGIN ... END).
     */
    record Piece(int line, String text, String code, boolean complete) {
    }

    private static final Set<String> COMPOUND_OBJECTS = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
    private static final Set<String> PLAIN_OBJECTS = Set.of("TABLE", "INDEX", "VIEW", "DATABASE", "SCHEMA", "USER",
            "ROLE", "SERVER", "TABLESPACE", "UNIQUE", "FULLTEXT", "SPATIAL", "TEMPORARY");
    private static final Set<String> END_OF_LOOP = Set.of("IF", "LOOP", "WHILE", "REPEAT");

    private SqlSplitter() {
    }

    static List<Piece> split(String content) {
        String code = blankComments(content);
        int[] lineStarts = lineStarts(content);
        List<Piece> pieces = new ArrayList<>();
        String delimiter = ";";
        int n = code.length();
        int start = -1;
        int depth = 0;
        int headWords = 0;
        Boolean compound = null;
        boolean sawCreateOrAlter = false;
        boolean unterminatedQuote = false;
        int i = 0;
        while (i < n) {
            char c = code.charAt(i);
            if (start < 0) {
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (isDelimiterDirective(code, i)) {
                    int lineEnd = code.indexOf('\n', i);
                    lineEnd = lineEnd < 0 ? n : lineEnd;
                    String rest = code.substring(i + "DELIMITER".length(), lineEnd).strip();
                    if (!rest.isEmpty()) {
                        delimiter = rest.split("\\s+")[0];
                    }
                    i = lineEnd;
                    continue;
                }
                start = i;
                depth = 0;
                headWords = 0;
                compound = null;
                sawCreateOrAlter = false;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = quoteEnd(code, i);
                unterminatedQuote = end < 0;
                i = end < 0 ? n : end;
                continue;
            }
            if (depth == 0 && code.startsWith(delimiter, i)) {
                add(pieces, content, code, lineStarts, start, i, true);
                start = -1;
                i += delimiter.length();
                continue;
            }
            if (isWordChar(c)) {
                int end = wordEnd(code, i, delimiter);
                if (";".equals(delimiter)) {
                    String word = code.substring(i, end).toUpperCase(Locale.ROOT);
                    if (compound == null) {
                        headWords++;
                        if (headWords == 1) {
                            sawCreateOrAlter = word.equals("CREATE") || word.equals("ALTER");
                            compound = sawCreateOrAlter ? null : Boolean.FALSE;
                        } else if (COMPOUND_OBJECTS.contains(word)) {
                            compound = Boolean.TRUE;
                        } else if (PLAIN_OBJECTS.contains(word) || headWords > 12) {
                            compound = Boolean.FALSE;
                        }
                    } else if (compound) {
                        if (word.equals("BEGIN") || word.equals("CASE")) {
                            depth++;
                        } else if (word.equals("END")) {
                            String closes = nextWord(code, end);
                            if (!END_OF_LOOP.contains(closes)) {
                                depth = Math.max(0, depth - 1);
                            }
                            if (END_OF_LOOP.contains(closes) || closes.equals("CASE")) {
                                end = nextWordEnd(code, end);
                            }
                        }
                    }
                }
                i = end;
                continue;
            }
            i++;
        }
        if (start >= 0) {
            add(pieces, content, code, lineStarts, start, n, depth == 0 && !unterminatedQuote);
        }
        return pieces;
    }

    /**
     * The text with every comment replaced by spaces (line breaks kept, so offsets and lines still match) and the
     * markers of executable comments removed, keeping what they wrap.
     */
    static String blankComments(String s) {
        char[] out = s.toCharArray();
        int n = s.length();
        boolean inExecutable = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(s, i);
            } else if (c == '#'
                    || (c == '-' && next == '-' && (i + 2 >= n || Character.isWhitespace(s.charAt(i + 2))))) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(out, i, end);
                i = end;
            } else if (c == '/' && next == '*') {
                int marker = executableMarkerEnd(s, i);
                if (marker > 0 && !inExecutable) {
                    blank(out, i, marker);
                    inExecutable = true;
                    i = marker;
                } else {
                    int end = s.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    blank(out, i, end);
                    i = end;
                }
            } else if (inExecutable && c == '*' && next == '/') {
                blank(out, i, i + 2);
                inExecutable = false;
                i += 2;
            } else {
                i++;
            }
        }
        return new String(out);
    }

    /** End of {@code /*!}, {@code /*!80000} or MariaDB's {@code /*M!100100}, or -1 when not executable. */
    private static int executableMarkerEnd(String s, int i) {
        int j = i + 2;
        if (j < s.length() && s.charAt(j) == 'M' && j + 1 < s.length() && s.charAt(j + 1) == '!') {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != '!') {
            return -1;
        }
        j++;
        while (j < s.length() && Character.isDigit(s.charAt(j)) && j < i + 12) {
            j++;
        }
        return j;
    }

    /** Index just past the quoted string or identifier starting at {@code start}; the end of text if unclosed. */
    static int skipQuoted(String s, int start) {
        int end = quoteEnd(s, start);
        return end < 0 ? s.length() : end;
    }

    /** Index just past the closing quote of the string or identifier at {@code start}, or -1 when it never closes. */
    private static int quoteEnd(String s, int start) {
        char quote = s.charAt(start);
        int j = start + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\' && quote != '`') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return -1;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private static int wordEnd(String s, int i) {
        return wordEnd(s, i, ";");
    }

    /** End of the word at {@code i}; a delimiter made of word characters ({@code $$}) ends it too. */
    private static int wordEnd(String s, int i, String delimiter) {
        int j = i;
        while (j < s.length() && isWordChar(s.charAt(j)) && (j == i || !s.startsWith(delimiter, j))) {
            j++;
        }
        return j;
    }

    private static String nextWord(String s, int from) {
        int i = skipWhitespace(s, from);
        return s.substring(i, wordEnd(s, i)).toUpperCase(Locale.ROOT);
    }

    private static int nextWordEnd(String s, int from) {
        return wordEnd(s, skipWhitespace(s, from));
    }

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDelimiterDirective(String code, int i) {
        int end = i + "DELIMITER".length();
        return code.regionMatches(true, i, "DELIMITER", 0, "DELIMITER".length())
                && end < code.length() && (code.charAt(end) == ' ' || code.charAt(end) == '\t');
    }

    private static void blank(char[] out, int from, int to) {
        for (int k = from; k < to && k < out.length; k++) {
            if (out[k] != '\n' && out[k] != '\r') {
                out[k] = ' ';
            }
        }
    }

    private static void add(List<Piece> pieces, String content, String code, int[] lineStarts, int from, int to,
            boolean complete) {
        String pieceCode = code.substring(from, to).strip();
        if (pieceCode.isEmpty()) {
            return;
        }
        pieces.add(new Piece(lineOf(lineStarts, from), content.substring(from, to).strip(), pieceCode, complete));
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }
}
