package dev.larder.backend.datachange.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Statements a person wants run against a datastore, and everything that happened to them. */
@Entity
@Table(name = "data_changes")
public class DataChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "datastore_id")
    public Long datastoreId;

    @Enumerated(EnumType.STRING)
    public DataChangeState state;

    /** JSON array of the statements as submitted. */
    public String statements;

    public String reason;

    public String ticket;

    @Column(name = "requested_by")
    public String requestedBy;

    public String channel;

    @Column(name = "command_id")
    public String commandId;

    /** JSON: the checked statements with their estimates, as approved. */
    public String plan;

    /** JSON array of findings. */
    public String findings;

    @Column(name = "estimated_rows")
    public long estimatedRows;

    @Column(name = "admin_required")
    public boolean adminRequired;

    @Column(name = "approval_id")
    public Long approvalId;

    /** JSON array: rows affected per statement. */
    @Column(name = "affected_rows")
    public String affectedRows;

    @Column(name = "longest_transaction_ms")
    public Long longestTransactionMs;

    public Integer transactions;

    public String failure;

    @Column(name = "failed_statement")
    public String failedStatement;

    /** Set on a rollback: the change it undoes. */
    @Column(name = "rollback_of")
    public Long rollbackOf;

    /** Set on a change that a rollback undid or is undoing. */
    @Column(name = "rolled_back_by")
    public Long rolledBackBy;

    @Column(name = "executed_by")
    public String executedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** When its before-images were deleted after the retention period; it cannot be rolled back since. */
    @Column(name = "images_purged_at")
    public Instant imagesPurgedAt;
}
