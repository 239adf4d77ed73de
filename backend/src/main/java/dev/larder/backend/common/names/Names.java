package dev.larder.backend.common.names;

import dev.larder.backend.common.error.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where names from callers are checked before they can become schema, user, table, index or key
 * names. Every rule has an id that appears in the problem document, so a caller can see which rule failed.
 */
public final class Names {

    /** Services and datastores: lowercase words joined by single underscores; safe in every engine. */
    public static final Pattern RESOURCE = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");
    public static final int RESOURCE_MIN = 2;
    public static final int RESOURCE_MAX = 30;

    /** Teams and clusters: lowercase words joined by hyphens, as Backstage group names usually are. */
    public static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    public static final int LABEL_MAX = 63;

    private static final Set<String> RESERVED = loadReserved();

    private Names() {
    }

    /** A service or datastore name. */
    public static String resource(String field, String value) {
        String name = required(field, value);
        if (name.length() < RESOURCE_MIN || name.length() > RESOURCE_MAX) {
            throw ProblemException.invalid(field, "name.length",
                    "must be " + RESOURCE_MIN + " to " + RESOURCE_MAX + " characters long, was " + name.length());
        }
        if (!RESOURCE.matcher(name).matches()) {
            throw ProblemException.invalid(field, "name.pattern",
                    "must match " + RESOURCE.pattern() + ": lowercase letters, digits and single underscores,"
                            + " starting with a letter");
        }
        if (RESERVED.contains(name)) {
            throw ProblemException.invalid(field, "name.reserved", "'" + name + "' is a reserved word; pick another");
        }
        return name;
    }

    /** A team or cluster name. */
    public static String label(String field, String value) {
        String name = required(field, value);
        if (name.length() > LABEL_MAX) {
            throw ProblemException.invalid(field, "name.length", "must be at most " + LABEL_MAX + " characters long");
        }
        if (!LABEL.matcher(name).matches()) {
            throw ProblemException.invalid(field, "name.pattern",
                    "must match " + LABEL.pattern() + ": lowercase letters, digits and single hyphens");
        }
        return name;
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "required", "is required");
        }
        return value;
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> loadReserved() {
        try (InputStream in = Names.class.getResourceAsStream("/names/reserved-words.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                    .filter(word -> !word.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
