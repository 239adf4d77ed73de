package dev.larder.backend.datachange.service;

import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.datachange.domain.DataChange;
import dev.larder.backend.datachange.repository.DataChangeImageRepository;
import dev.larder.backend.datachange.repository.DataChangeRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deletes before-images once a change has been finished for {@code larder.datachanges.image-retention}: they are
 * copies of production rows (personal data included) and must not outlive their use. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so replicas share the work.
 */
@ApplicationScoped
public class DataChangeJobs {

    private static final Logger LOG = Logger.getLogger(DataChangeJobs.class);
    private static final int BATCH = 20;

    @Inject
    DataChangeRepository changes;

    @Inject
    DataChangeImageRepository images;

    @Inject
    DataChangeConfig config;

    @Inject
    AuditService audit;

    @Inject
    RequestMetadata request;

    @Scheduled(every = "${larder.datachanges.image-retention-check-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeImages() {
        request.channel("scheduler");
        int purged;
        do {
            purged = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> due = changes.claimImagesDue(Instant.now().minus(config.imageRetention()), BATCH);
                for (long id : due) {
                    DataChange change = changes.findById(id);
                    long rows = images.purge(id);
                    change.imagesPurgedAt = Instant.now();
                    audit.record("datachange.images-purged", "datastore", change.datastoreId, Map.of("dataChange", id,
                            "rows", rows, "retention", config.imageRetention().toString()));
                }
                return due.size();
            });
            if (purged > 0) {
                LOG.infof("Deleted the before-images of %d data change(s) past retention", purged);
            }
        } while (purged == BATCH);
    }
}
