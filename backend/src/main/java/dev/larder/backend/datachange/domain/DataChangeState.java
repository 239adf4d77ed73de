package dev.larder.backend.datachange.domain;

/**
 * DRAFT → PENDING_APPROVAL → APPROVED → EXECUTING → EXECUTED | FAILED; REJECTED or EXPIRED instead of APPROVED;
 * ROLLED_BACK once its rollback (a change of its own) has executed.
 */
public enum DataChangeState {
    DRAFT, PENDING_APPROVAL, APPROVED, EXECUTING, EXECUTED, FAILED, REJECTED, EXPIRED, ROLLED_BACK
}
