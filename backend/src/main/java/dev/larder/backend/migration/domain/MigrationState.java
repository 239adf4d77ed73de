package dev.larder.backend.migration.domain;

/** PENDING → RUNNING → SUCCEEDED | FAILED. A bundle blocked by lint goes straight from PENDING to FAILED. */
public enum MigrationState {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
