package dev.larder.backend.cluster.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A datastore server Larder administers. Clusters sharing a replication group receive the same datastores. */
@Entity
@Table(name = "clusters")
public class Cluster {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String kind;

    public String host;

    public int port;

    @Column(name = "admin_user")
    public String adminUser;

    /** AES-256-GCM under the master key; never leaves the backend. */
    @Column(name = "admin_password_enc")
    public String adminPasswordEnc;

    public String environment;

    @Column(name = "replication_group")
    public String replicationGroup;

    @Column(name = "created_at")
    public Instant createdAt;
}
