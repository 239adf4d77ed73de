package dev.larder.backend.access.domain;

/** PENDING → APPROVED → ACTIVE → EXPIRED | REVOKED, or DENIED / CANCELLED before it is active. */
public enum AccessState {
    PENDING, APPROVED, ACTIVE, EXPIRED, REVOKED, DENIED, CANCELLED;

    public boolean ended() {
        return this == EXPIRED || this == REVOKED || this == DENIED || this == CANCELLED;
    }
}
