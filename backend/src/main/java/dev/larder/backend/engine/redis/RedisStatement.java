package dev.larder.backend.engine.redis;

import dev.larder.backend.engine.DataChanges.Finding;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One statement of a Redis data change, in Larder's own small syntax (Redis has no statement language of its own
 * that can be reviewed and estimated):
 *
 * <pre>
 * DEL &lt;pattern&gt;               delete every key under the prefix that matches
 * EXPIRE &lt;pattern&gt; &lt;seconds&gt;   give every matching key a time to live
 * </pre>
 *
 * The pattern is relative to the datastore's prefix: {@code DEL cart:*} deletes {@code <service>:<name>:cart:*}. It
 * may use the glob wildcards {@code *} and {@code ?} only ({@code [}, {@code ]} and {@code \} are refused), so the
 * full pattern, prefix first, never matches a key outside the prefix.
 *
 * @param operation "delete" or "expire"
 */
record RedisStatement(int index, String text, String operation, String pattern, long seconds) {

    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.:/@#{}+=,*?-]{1,200}");
    static final long MAX_SECONDS = 10L * 366 * 24 * 3600;

    /** The pattern SCAN matches: the datastore's prefix, then the statement's relative pattern. */
    String match(String prefix) {
        return RedisAcl.checkedPrefix(prefix) + pattern;
    }

    /** Reads one statement; on a broken rule adds an ERROR finding and returns null. */
    static RedisStatement parse(int index, String statement, List<Finding> findings) {
        String text = statement == null ? "" : statement.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            findings.add(error("datachange.empty", index, "the statement is empty"));
            return null;
        }
        String[] words = text.split("\\s+");
        String command = words[0].toUpperCase(Locale.ROOT);
        int arguments = switch (command) {
            case "DEL" -> 1;
            case "EXPIRE" -> 2;
            default -> -1;
        };
        if (arguments < 0) {
            findings.add(error("datachange.statement-type", index, "only DEL <pattern> and EXPIRE <pattern> <seconds>"
                    + " are allowed in a Redis data change (this is " + shorten(words[0]) + ")"));
            return null;
        }
        if (words.length != arguments + 1) {
            findings.add(error("datachange.unparsable", index, "write " + (arguments == 1 ? "DEL <pattern>"
                    : "EXPIRE <pattern> <seconds>") + " (" + (words.length - 1) + " argument(s) given)"));
            return null;
        }
        String pattern = words[1];
        if (!PATTERN.matcher(pattern).matches()) {
            findings.add(error("datachange.redis.pattern", index, "the pattern '" + shorten(pattern) + "' must be 1 to"
                    + " 200 of A-Z a-z 0-9 _ . : / @ # { } + = , - with the wildcards * and ?; it is relative to the"
                    + " datastore's prefix, and [ ] \\ are not allowed"));
            return null;
        }
        long seconds = 0;
        if ("EXPIRE".equals(command)) {
            try {
                seconds = Long.parseLong(words[2]);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > MAX_SECONDS) {
                findings.add(error("datachange.redis.seconds", index, "the time to live must be whole seconds from 1"
                        + " to " + MAX_SECONDS + " (ten years), was '" + shorten(words[2]) + "'"));
                return null;
            }
        }
        String normalised = "EXPIRE".equals(command) ? "EXPIRE " + pattern + " " + seconds : "DEL " + pattern;
        return new RedisStatement(index, normalised, "DEL".equals(command) ? "delete" : "expire", pattern, seconds);
    }

    static Finding error(String rule, Integer statement, String message) {
        return new Finding(rule, "ERROR", statement, message);
    }

    private static String shorten(String word) {
        return word.length() > 40 ? word.substring(0, 40) + "…" : word;
    }
}
