package dev.larder.backend.approval.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What needs whose decision: one request per subject (a data change, an access grant, a migration). */
@Entity
@Table(name = "approval_requests")
public class ApprovalRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subject_type")
    public String subjectType;

    @Column(name = "subject_id")
    public long subjectId;

    @Column(name = "datastore_id")
    public long datastoreId;

    /** The team that owns the datastore. */
    @Column(name = "team_id")
    public long teamId;

    public String environment;

    @Column(name = "requested_by")
    public String requestedBy;

    /** Shown to the approvers. */
    public String summary;

    @Column(name = "approvals_required")
    public int approvalsRequired;

    /** At least one approval must come from a platform-admin. */
    @Column(name = "admin_required")
    public boolean adminRequired;

    /** The approver rules in force when the request was opened, comma-separated. */
    @Column(name = "approver_rules")
    public String approverRules;

    @Enumerated(EnumType.STRING)
    public ApprovalState state;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public boolean overdue(Instant now) {
        return state == ApprovalState.PENDING && !expiresAt.isAfter(now);
    }

    public void settle(ApprovalState next, Instant at) {
        state = next;
        decidedAt = at;
    }
}
