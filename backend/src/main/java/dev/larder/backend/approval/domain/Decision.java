package dev.larder.backend.approval.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One person's approve or reject on a request. Unique per (request, approver). */
@Entity
@Table(name = "approval_decisions")
public class Decision {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_id")
    public long requestId;

    /** An email for people, service:&lt;name&gt; for service tokens; lower case. */
    public String approver;

    /** {@link #APPROVE} or {@link #REJECT}. */
    public String decision;

    public String reason;

    /** The approver was a platform-admin when deciding. */
    @Column(name = "as_admin")
    public boolean asAdmin;

    @Column(name = "created_at")
    public Instant createdAt;

    public boolean approves() {
        return APPROVE.equals(decision);
    }
}
