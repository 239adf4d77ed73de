package dev.larder.backend.datachange.service;

import dev.larder.backend.common.json.StoredJson;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.concurrent.DaemonPool;
import dev.larder.backend.common.concurrent.DaemonPool;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.datachange.domain.DataChange;
import dev.larder.backend.datachange.domain.DataChangeState;
import dev.larder.backend.datachange.repository.DataChangeImageRepository;
import dev.larder.backend.datachange.repository.DataChangeRepository;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.DataChangeRefused;
import dev.larder.backend.engine.DataChanges;
import dev.larder.backend.engine.DataChanges.DataChangePlan;
import dev.larder.backend.engine.DataChanges.ExecutionReport;
import dev.larder.backend.engine.DataChanges.ImageChunk;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.security.Caller;
import dev.larder.events.CloudEvent;
import dev.larder.events.datachange.DataChangeExecuted;
import dev.larder.events.datachange.DataChangeFailed;
import dev.larder.events.datachange.DataChangeRolledBack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Runs approved data changes (and rollbacks) in the background, on the datastore's first cluster (replication
 * carries the rows to the others), and records the outcome with its audit record and event.
 */
@ApplicationScoped
public class DataChangeExecutor {

    private static final Logger LOG = Logger.getLogger(DataChangeExecutor.class);
    static final String AUTO = "larder-auto-execute";

    /** Fired when a change is approved under an auto-execute policy; it starts once the approval commits. */
    record AutoExecute(long changeId) {
    }

    @Inject
    DataChangeRepository changes;

    @Inject
    DataChangeImageRepository images;

    @Inject
    DataChangeService service;

    @Inject
    DatastoreTargets targets;

    @Inject
    DataChangeConfig config;

    @Inject
    Outbox outbox;

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    @Inject
    RequestMetadata request;

    private final ExecutorService pool = DaemonPool.of("larder-data-change", 2);

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    /** APPROVED → EXECUTING now; the run itself continues in the background. */
    public void start(long changeId, String executedBy) {
        QuarkusTransaction.requiringNew().run(() -> {
            DataChange change = changes.lock(changeId).orElseThrow(() -> ProblemException.notFound("Data change",
                    changeId));
            if (change.state != DataChangeState.APPROVED) {
                throw ProblemException.conflict("Data change " + changeId + " is " + change.state
                        + "; only an APPROVED change can be executed.");
            }
            change.state = DataChangeState.EXECUTING;
            change.startedAt = Instant.now();
            change.executedBy = executedBy;
            audit.record("datachange.execution-started", "datastore", change.datastoreId,
                    DataChangeService.details(change));
        });
        pool.submit(() -> {
            try {
                run(changeId);
            } catch (RuntimeException e) {
                LOG.errorf("Data change %d could not finish: %s", changeId, e.getMessage());
            }
        });
    }

    void autoExecute(@Observes(during = TransactionPhase.AFTER_SUCCESS) AutoExecute approved) {
        pool.submit(() -> startAsSystem(approved.changeId()));
    }

    @ActivateRequestContext
    void startAsSystem(long changeId) {
        caller.actAsSystem(AUTO);
        request.channel("scheduler");
        start(changeId, AUTO);
    }

    @ActivateRequestContext
    void run(long changeId) {
        DataChange change = QuarkusTransaction.requiringNew().call(() -> changes.findById(changeId));
        caller.actAsSystem(change.executedBy);
        request.channel(change.channel);
        Target target = targets.target(change.datastoreId);
        DataChanges engine = DataChangeService.dataChanges(target);
        try {
            if (change.rollbackOf != null) {
                List<ImageChunk> before = service.imagesOf(change.rollbackOf);
                ExecutionReport report = engine.restore(target.clusters().get(0), target.tenant(), target.password(),
                        before, config.guard());
                QuarkusTransaction.requiringNew().run(() -> rolledBack(changeId, report));
            } else {
                DataChangePlan plan = StoredJson.read(change.plan, DataChangePlan.class);
                ExecutionReport report = engine.execute(target.clusters().get(0), target.tenant(), target.password(),
                        plan, config.guard(), chunk -> QuarkusTransaction.requiringNew().run(() ->
                                images.persist(DataChangeService.imageRow(changeId, chunk))));
                QuarkusTransaction.requiringNew().run(() -> executed(changeId, report));
            }
        } catch (DataChangeRefused e) {
            QuarkusTransaction.requiringNew().run(() -> failed(changeId, e.getMessage(), e.statement(),
                    e.partial()));
        } catch (EngineException e) {
            QuarkusTransaction.requiringNew().run(() -> failed(changeId, e.getMessage(), null, null));
        }
    }

    private void executed(long changeId, ExecutionReport report) {
        DataChange change = changes.lock(changeId).orElseThrow();
        change.state = DataChangeState.EXECUTED;
        change.affectedRows = StoredJson.write(report.affectedRows());
        change.longestTransactionMs = report.longestTransactionMs();
        change.transactions = report.transactions();
        change.finishedAt = Instant.now();
        Map<String, Object> details = DataChangeService.details(change);
        details.put("affectedRows", report.affectedRows());
        audit.record("datachange.executed", "datastore", change.datastoreId, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(change.datastoreId),
                new DataChangeExecuted(changeId, change.datastoreId, change.requestedBy, report.affectedRows(),
                        report.durationMs())).withId("datachange/" + changeId + "/executed"));
        LOG.infof("Data change %d executed: %s rows in %d transaction(s), longest %d ms", changeId,
                report.affectedRows(), report.transactions(), report.longestTransactionMs());
    }

    private void rolledBack(long changeId, ExecutionReport report) {
        DataChange rollback = changes.lock(changeId).orElseThrow();
        DataChange original = changes.lock(rollback.rollbackOf).orElseThrow();
        rollback.state = DataChangeState.EXECUTED;
        rollback.affectedRows = StoredJson.write(report.affectedRows());
        rollback.longestTransactionMs = report.longestTransactionMs();
        rollback.transactions = report.transactions();
        rollback.finishedAt = Instant.now();
        original.state = DataChangeState.ROLLED_BACK;
        Map<String, Object> details = DataChangeService.details(rollback);
        details.put("restoredRows", report.affectedRows());
        audit.record("datachange.rolled-back", "datastore", rollback.datastoreId, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(rollback.datastoreId),
                new DataChangeRolledBack(changeId, rollback.datastoreId, original.id, report.affectedRows()))
                .withId("datachange/" + changeId + "/rolledback"));
    }

    private void failed(long changeId, String reason, String statement, ExecutionReport partial) {
        DataChange change = changes.lock(changeId).orElseThrow();
        change.state = DataChangeState.FAILED;
        change.failure = reason.length() > 4000 ? reason.substring(0, 4000) : reason;
        change.failedStatement = statement;
        change.finishedAt = Instant.now();
        if (partial != null) {
            change.affectedRows = StoredJson.write(partial.affectedRows());
            change.transactions = partial.transactions();
            change.longestTransactionMs = partial.longestTransactionMs();
        }
        if (change.rollbackOf != null) {
            changes.lock(change.rollbackOf).ifPresent(original -> original.rolledBackBy = null);
        }
        Map<String, Object> details = DataChangeService.details(change);
        details.put("reason", change.failure);
        audit.record("datachange.failed", "datastore", change.datastoreId, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(change.datastoreId),
                new DataChangeFailed(changeId, change.datastoreId, change.failure, statement))
                .withId("datachange/" + changeId + "/failed"));
        LOG.infof("Data change %d failed: %s", changeId, reason);
    }
}
