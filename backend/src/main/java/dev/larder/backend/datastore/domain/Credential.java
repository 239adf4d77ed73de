package dev.larder.backend.datastore.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The owning service's own login for a datastore. The secret is AES-256-GCM encrypted. */
@Entity
@Table(name = "credentials")
public class Credential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "datastore_id")
    public Long datastoreId;

    public String username;

    @Column(name = "secret_enc")
    public String secretEnc;

    /** 1 at creation, +1 per rotation. */
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_revealed_at")
    public Instant lastRevealedAt;

    @Column(name = "last_revealed_by")
    public String lastRevealedBy;
}
