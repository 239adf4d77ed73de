package dev.larder.backend.approval.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A one-time link that lets one person confirm one decision they started in chat, with their own identity. Only
 * the token's SHA-256 is stored.
 */
@Entity
@Table(name = "approval_step_ups")
public class StepUp {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "approval_id")
    public long approvalId;

    /** The member (email, lower case) who clicked in chat; nobody else may confirm. */
    public String member;

    /** {@link Decision#APPROVE} or {@link Decision#REJECT}. */
    public String decision;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    public boolean approves() {
        return Decision.APPROVE.equals(decision);
    }
}
