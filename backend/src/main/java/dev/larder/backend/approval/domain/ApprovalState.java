package dev.larder.backend.approval.domain;

/** PENDING → APPROVED | REJECTED | EXPIRED | CANCELLED. Every state but PENDING is final. */
public enum ApprovalState {
    PENDING, APPROVED, REJECTED, EXPIRED, CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
