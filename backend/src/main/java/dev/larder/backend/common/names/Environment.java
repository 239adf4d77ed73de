package dev.larder.backend.common.names;

import dev.larder.backend.common.error.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** Where a cluster and its datastores live. Policies differ per environment. */
public enum Environment {
    DEV, STAGING, PROD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Environment parse(String field, String value) {
        Names.required(field, value);
        return Arrays.stream(values())
                .filter(env -> env.label().equals(value))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid(field, "enum", "must be one of dev, staging, prod"));
    }
}
