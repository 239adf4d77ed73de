package dev.larder.backend.datastore.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "datastores")
public class Datastore {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    public String name;

    @Column(name = "service_id")
    public Long serviceId;

    public String environment;

    /** The cluster it lives on, or the first member of its replication group. */
    @Column(name = "cluster_id")
    public Long clusterId;

    /** Set when the datastore lives on every cluster of a replication group. */
    @Column(name = "replication_group")
    public String replicationGroup;

    /** Schema, key prefix, table or index family on the server. */
    @Column(name = "physical_name")
    public String physicalName;

    /** The declared spec as JSON, for kinds that take one (DynamoDB: keys, indexes, billing, TTL). */
    public String spec;

    @Enumerated(EnumType.STRING)
    public DatastoreState state;

    @Column(name = "failure_reason")
    public String failureReason;

    /** kind/environment/physical name while the name is held; NULL once decommissioned. Unique. */
    @Column(name = "active_key")
    public String activeKey;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "decommissioned_at")
    public Instant decommissionedAt;

    @Column(name = "drop_after")
    public Instant dropAfter;

    public void moveTo(DatastoreState next) {
        state = next;
        updatedAt = Instant.now();
    }
}
