package dev.larder.backend.engine;

import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Names;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of datastore Larder provisions. Each has exactly one engine (checked at start-up). */
public enum DatastoreKind {
    MYSQL, REDIS, DYNAMODB, OPENSEARCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatastoreKind parse(String field, String value) {
        Names.required(field, value);
        return Arrays.stream(values()).filter(kind -> kind.label().equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalid(field, "enum", "must be one of "
                        + Arrays.stream(values()).map(DatastoreKind::label).collect(Collectors.joining(", "))));
    }
}
