package dev.larder.backend.migration.service;

import dev.larder.backend.approval.service.ApprovalService;
import dev.larder.backend.approval.service.ApprovalSubject;
import dev.larder.backend.approval.service.ApprovalViews.NewApproval;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.concurrent.DaemonPool;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.migration.domain.Migration;
import dev.larder.backend.migration.domain.MigrationFileRecord;
import dev.larder.backend.migration.domain.MigrationState;
import dev.larder.backend.migration.repository.MigrationRepository;
import dev.larder.backend.migration.service.MigrationViews.Failure;
import dev.larder.events.common.Finding;
import dev.larder.events.migration.MigrationFailed;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Destructive bundles (dropping a table, removing an index, changing keys) are not refused outright: they wait
 * for approval by the environment's approvers, then run as if the destructive findings were warnings. A reject
 * or an expiry fails the bundle at stage {@code approval}.
 */
@ApplicationScoped
public class MigrationApprovals implements ApprovalSubject {

    static final String SUBJECT = "migration";
    private static final Logger LOG = Logger.getLogger(MigrationApprovals.class);

    /** Fired inside the deciding transaction; the run starts once it has committed. */
    record Approved(long migrationId) {
    }

    private final ExecutorService pool = DaemonPool.of("larder-migration-approved", 2);

    @Inject
    MigrationRepository migrations;

    @Inject
    ApprovalService approvals;

    @Inject
    AuditService audit;

    @Inject
    MigrationRunner runner;

    @Inject
    Event<Approved> approved;

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    @Override
    public String subjectType() {
        return SUBJECT;
    }

    /** Opens the approval request and parks the bundle; in the runner's transaction. */
    void awaitApproval(Migration migration, Target target, List<MigrationFileRecord> bundle, List<Finding> blocking) {
        migration.state = MigrationState.AWAITING_APPROVAL;
        if (migration.approvalId != null) {
            return;
        }
        String summary = "Destructive migration of " + target.tenant().physicalName() + " (" + target.environment()
                + "): " + bundle.stream().map(file -> file.fileName).collect(Collectors.joining(", ")) + ". "
                + blocking.stream().map(f -> f.ruleId() + " in " + f.file() + ": " + f.message())
                        .collect(Collectors.joining("; "));
        migration.approvalId = approvals.open(new NewApproval(SUBJECT, migration.id, target.datastoreId(),
                target.teamId(), target.environment(), migration.requestedBy,
                summary.length() > 2000 ? summary.substring(0, 2000) : summary, false)).id();
        audit.record("migration.awaiting-approval", "datastore", migration.datastoreId, Map.of("migration",
                migration.id, "approval", migration.approvalId, "rules", blocking.stream().map(Finding::ruleId)
                        .distinct().toList()));
        LOG.infof("Migration %d of datastore %d waits for approval %d (destructive)", migration.id,
                migration.datastoreId, migration.approvalId);
    }

    @Override
    public void approved(long subjectId, long approvalId) {
        Migration migration = waiting(subjectId);
        if (migration == null) {
            return;
        }
        migration.state = MigrationState.PENDING;
        migration.approvedAt = Instant.now();
        audit.record("migration.approved", "datastore", migration.datastoreId,
                Map.of("migration", subjectId, "approval", approvalId));
        approved.fire(new Approved(subjectId));
    }

    @Override
    public void rejected(long subjectId, long approvalId, String by, String reason) {
        fail(subjectId, "rejected by " + by + (reason == null || reason.isBlank() ? "" : ": " + reason));
    }

    @Override
    public void expired(long subjectId, long approvalId) {
        fail(subjectId, "nobody approved the destructive change before approval " + approvalId + " expired");
    }

    void run(@Observes(during = TransactionPhase.AFTER_SUCCESS) Approved approval) {
        pool.submit(() -> {
            try {
                runner.run(approval.migrationId());
            } catch (RuntimeException e) {
                LOG.errorf("Approved migration %d could not run: %s", approval.migrationId(), e.getMessage());
            }
        });
    }

    private void fail(long subjectId, String why) {
        if (waiting(subjectId) != null) {
            runner.fail(subjectId, MigrationFailed.Stage.APPROVAL, new Failure("approval", null, null, null, null,
                    why, null), List.of(), List.of());
        }
    }

    private Migration waiting(long subjectId) {
        return migrations.lock(subjectId).filter(m -> m.state == MigrationState.AWAITING_APPROVAL)
                .orElse(null);
    }
}
