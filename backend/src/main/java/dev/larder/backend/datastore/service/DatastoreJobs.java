package dev.larder.backend.datastore.service;

import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.engine.EngineException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Scheduled work. Each job claims its rows with SELECT … FOR UPDATE SKIP LOCKED, so several backend replicas can
 * run the same job at once and each datastore is handled by exactly one of them.
 */
@ApplicationScoped
public class DatastoreJobs {

    private static final Logger LOG = Logger.getLogger(DatastoreJobs.class);
    private static final int BATCH = 20;

    @Inject
    DatastoreRepository datastores;

    @Inject
    DatastoreProvisioner provisioner;

    @Inject
    DatastoreConfig config;

    @Inject
    AuditService audit;

    @Inject
    RequestMetadata request;

    /** Drops the data of decommissioned datastores whose retention has run out. */
    @Scheduled(every = "${larder.datastores.retention-check-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dropExpired() {
        request.channel("scheduler");
        List<Long> done = QuarkusTransaction.requiringNew().call(() -> {
            List<Long> due = datastores.claimDue(DatastoreState.DECOMMISSIONING, "drop_after", Instant.now(), BATCH);
            for (long id : due) {
                Datastore datastore = datastores.findById(id);
                try {
                    provisioner.dropEverywhere(datastore);
                } catch (EngineException e) {
                    LOG.warnf("Could not drop the data of datastore %d yet: %s", id, e.getMessage());
                    continue;
                }
                datastore.moveTo(DatastoreState.DECOMMISSIONED);
                datastore.activeKey = null;
                audit.record("datastore.data-dropped", "datastore", id,
                        Map.of("physicalName", datastore.physicalName));
            }
            return due;
        });
        if (!done.isEmpty()) {
            LOG.infof("Retention: handled datastores %s", done);
        }
    }

    /** Finishes provisioning that a crash or restart cut short. */
    @Scheduled(every = "${larder.datastores.recovery-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void recoverStuck() {
        request.channel("scheduler");
        Instant before = Instant.now().minus(config.recoveryGrace());
        for (DatastoreState stuck : List.of(DatastoreState.REQUESTED, DatastoreState.PROVISIONING)) {
            List<Long> claimed = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> ids = datastores.claimDue(stuck, "updated_at", before, BATCH);
                // Touch them so another replica does not pick them up while this one works.
                ids.forEach(id -> datastores.findById(id).updatedAt = Instant.now());
                return ids;
            });
            for (long id : claimed) {
                LOG.infof("Recovering datastore %d left in %s", id, stuck);
                provisioner.provision(id);
            }
        }
    }
}
