package dev.larder.ci;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** {@code --timeout}: whole seconds ({@code 600}) or an ISO-8601 duration ({@code PT10M}, {@code pt1h30m}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        Duration duration;
        if (text.matches("[0-9]+")) {
            duration = Duration.ofSeconds(Long.parseLong(text));
        } else {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is neither a number of seconds nor an ISO-8601 duration such as PT10M");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
        }
        return duration;
    }
}
