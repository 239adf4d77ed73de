package dev.larder.slack.handlers;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** People write 2h, 30m or 1d; the backend takes ISO-8601 (PT2H). The backend still enforces the caps. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,4})([mhd])");

    private Durations() {
    }

    /** The ISO-8601 form, or null when the text is not a duration. */
    static String iso(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher match = SHORT.matcher(value);
        if (match.matches()) {
            return switch (match.group(2)) {
                case "m" -> "PT" + match.group(1) + "M";
                case "h" -> "PT" + match.group(1) + "H";
                default -> "P" + match.group(1) + "D";
            };
        }
        try {
            Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            return parsed.isNegative() || parsed.isZero() ? null : value.toUpperCase(Locale.ROOT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
