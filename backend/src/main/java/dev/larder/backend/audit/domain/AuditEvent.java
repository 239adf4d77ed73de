package dev.larder.backend.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One append-only entry of the audit trail, chained to the previous one by SHA-256. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Position in the chain: 1, 2, 3… without gaps. */
    public long seq;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String actor;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    public String channel;

    @Column(name = "correlation_id")
    public String correlationId;

    /** Canonical JSON (keys sorted); never contains a secret. */
    public String details;

    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;
}
