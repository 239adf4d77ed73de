package dev.larder.backend.migration.domain;

/**
 * PENDING → RUNNING → SUCCEEDED | FAILED. A bundle blocked by lint goes straight from PENDING to FAILED, unless
 * only destructive rules block it: then PENDING → AWAITING_APPROVAL → PENDING (approved) | FAILED (rejected, expired).
 */
public enum MigrationState {
    PENDING, AWAITING_APPROVAL, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
