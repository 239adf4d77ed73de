package dev.larder.backend.approval.service;

import dev.larder.backend.approval.repository.ApprovalRequestRepository;
import dev.larder.backend.common.web.RequestMetadata;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Expires PENDING requests past their deadline. Each request is claimed with SELECT … FOR UPDATE SKIP LOCKED and
 * expired in its own transaction, so replicas share the work, and a subject whose callback fails holds up only
 * its own request (it is tried again next round).
 */
@ApplicationScoped
public class ApprovalJobs {

    private static final Logger LOG = Logger.getLogger(ApprovalJobs.class);
    private static final int BATCH = 50;

    @Inject
    ApprovalRequestRepository requests;

    @Inject
    ApprovalService approvals;

    @Inject
    RequestMetadata request;

    @Scheduled(every = "${larder.approvals.expiry-check-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireOverdue() {
        request.channel("scheduler");
        Instant now = Instant.now();
        long cursor = 0;
        for (int i = 0; i < BATCH; i++) {
            long after = cursor;
            AtomicLong claimed = new AtomicLong(-1);
            try {
                Optional<Long> expired = QuarkusTransaction.requiringNew().call(() -> {
                    Optional<Long> id = requests.claimOverdue(now, after);
                    id.ifPresent(found -> {
                        claimed.set(found);
                        approvals.expireClaimed(found);
                    });
                    return id;
                });
                if (expired.isEmpty()) {
                    return;
                }
                cursor = expired.get();
                LOG.infof("Approval request %d expired", cursor);
            } catch (RuntimeException e) {
                if (claimed.get() < 0) {
                    throw e;
                }
                LOG.warnf("Could not expire approval request %d yet: %s", claimed.get(), e.getMessage());
                cursor = claimed.get();
            }
        }
    }
}
