package dev.larder.backend.access.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One person's time-boxed access to one datastore, and the personal login that carries it. */
@Entity
@Table(name = "access_grants")
public class AccessGrant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "datastore_id")
    public Long datastoreId;

    public String holder;

    /** read or write */
    public String level;

    @Column(name = "duration_seconds")
    public long durationSeconds;

    public String reason;

    public String ticket;

    @Enumerated(EnumType.STRING)
    public AccessState state;

    @Column(name = "break_glass")
    public boolean breakGlass;

    @Column(name = "approval_id")
    public Long approvalId;

    public String login;

    @Column(name = "secret_enc")
    public String secretEnc;

    @Column(name = "reveal_token_hash")
    public String revealTokenHash;

    @Column(name = "reveal_expires_at")
    public Instant revealExpiresAt;

    @Column(name = "revealed_at")
    public Instant revealedAt;

    @Column(name = "revealed_by")
    public String revealedBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "created_at")
    public Instant createdAt;
}
