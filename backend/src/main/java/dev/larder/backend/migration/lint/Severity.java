package dev.larder.backend.migration.lint;

import java.util.Locale;

/** How much a finding matters. An {@link #ERROR} blocks the bundle; the others are reported. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
