package dev.larder.backend.migration.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One bundle of migration files for one datastore, from CI (Kafka) or the API, and what became of it. */
@Entity
@Table(name = "migrations")
public class Migration {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "datastore_id")
    public Long datastoreId;

    /** The caller's id for the command; a second command with the same id is answered, never applied again. */
    @Column(name = "command_id")
    public String commandId;

    @Enumerated(EnumType.STRING)
    public MigrationState state;

    /** Where it failed: validation, lint, shadow or apply. */
    public String stage;

    public String channel;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "ci_system")
    public String ciSystem;

    @Column(name = "ci_run_url")
    public String ciRunUrl;

    @Column(name = "ci_commit")
    public String ciCommit;

    /** JSON array of the bundle's versions, in order. */
    public String versions;

    /** JSON array of the versions applied by this migration. */
    public String applied;

    /** JSON array of lint findings. */
    public String findings;

    /** JSON object describing the failure, if any. */
    public String failure;

    /** JSON array of per-cluster results. */
    @Column(name = "cluster_results")
    public String clusterResults;

    /** The approval request of a destructive bundle. */
    @Column(name = "approval_id")
    public Long approvalId;

    /** When approvers accepted its destructive findings; the next run proceeds despite them. */
    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
