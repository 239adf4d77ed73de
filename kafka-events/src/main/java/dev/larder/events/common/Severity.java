package dev.larder.events.common;

/** How serious a lint or validation finding is; ERROR blocks a migration, WARNING and INFO do not. */
public enum Severity {
    ERROR, WARNING, INFO
}
