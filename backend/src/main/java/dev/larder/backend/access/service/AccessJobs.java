package dev.larder.backend.access.service;

import dev.larder.backend.access.domain.AccessGrant;
import dev.larder.backend.access.repository.AccessGrantRepository;
import dev.larder.backend.access.service.AccessViews.OrphanLogin;
import dev.larder.backend.access.service.AccessViews.ReconcileReport;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.cluster.service.ClusterService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.EngineRegistry;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.events.CloudEvent;
import dev.larder.events.access.AccessExpiring;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Ends grants on time, warns before, and removes personal logins nobody accounts for. Each grant is claimed with
 * SELECT … FOR UPDATE SKIP LOCKED in a transaction of its own, so any number of replicas can run these jobs at once
 * and every grant is handled exactly once; a restart simply picks up what is due.
 */
@ApplicationScoped
public class AccessJobs {

    private static final Logger LOG = Logger.getLogger(AccessJobs.class);

    @Inject
    AccessGrantRepository grants;

    @Inject
    AccessService access;

    @Inject
    AccessConfig config;

    @Inject
    ClusterService clusters;

    @Inject
    EngineRegistry engines;

    @Inject
    Outbox outbox;

    @Inject
    AuditService audit;

    @Inject
    RequestMetadata request;

    @Scheduled(every = "${larder.access.expiry-check-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        request.channel("scheduler");
        expireDue();
        remind();
    }

    /** Ends every grant whose time is up; returns the ids this call ended. */
    public List<Long> expireDue() {
        List<Long> ended = new ArrayList<>();
        while (true) {
            Long id = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> due = grants.claimExpired(Instant.now(), 1);
                if (due.isEmpty()) {
                    return null;
                }
                AccessGrant grant = grants.findById(due.get(0));
                try {
                    access.expire(grant);
                } catch (ProblemException e) {
                    LOG.warnf("Grant %d is due but its login could not be removed yet: %s", grant.id,
                            e.getMessage());
                    return -grant.id;
                }
                return grant.id;
            });
            if (id == null || id < 0) {
                return ended;
            }
            ended.add(id);
        }
    }

    /** AccessExpiring for grants that end within the reminder window, once each. */
    void remind() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (long id : grants.claimReminders(Instant.now().plus(config.reminderBefore()), 50)) {
                AccessGrant grant = grants.findById(id);
                grant.remindedAt = Instant.now();
                outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(grant.datastoreId),
                        new AccessExpiring(grant.id, grant.datastoreId, grant.holder, grant.expiresAt))
                        .withId("access/" + grant.id + "/expiring"));
            }
        });
    }

    @Scheduled(every = "${larder.access.reconcile-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledReconcile() {
        request.channel("scheduler");
        ReconcileReport report = reconcile();
        if (!report.removed().isEmpty()) {
            LOG.warnf("Reconciler removed %d orphaned personal login(s): %s", report.removed().size(),
                    report.removed());
        }
    }

    /**
     * Finds personal logins on every cluster that no live grant accounts for (the grant ended, or its record is
     * gone) and removes them. Logins of grants still PENDING or APPROVED are left alone: they may be in the making.
     */
    public ReconcileReport reconcile() {
        List<OrphanLogin> removed = new ArrayList<>();
        for (DatastoreKind kind : DatastoreKind.values()) {
            AccessGrants engine = engines.engine(kind).accessGrants().orElse(null);
            if (engine == null) {
                continue;
            }
            for (ClusterEndpoint cluster : QuarkusTransaction.requiringNew().call(() -> clusters.endpointsOf(kind))) {
                List<String> logins;
                try {
                    logins = engine.logins(cluster);
                } catch (EngineException e) {
                    LOG.warnf("Reconciler could not list logins on %s: %s", cluster.name(), e.getMessage());
                    continue;
                }
                for (String login : logins) {
                    String why = QuarkusTransaction.requiringNew().call(() -> {
                        AccessGrant grant = grants.findById(engine.grantIdOf(login));
                        if (grant == null) {
                            return "no grant accounts for it";
                        }
                        return grant.state.ended() ? "its grant is " + grant.state : null;
                    });
                    if (why == null) {
                        continue;
                    }
                    try {
                        engine.revoke(cluster, login);
                    } catch (EngineException e) {
                        LOG.warnf("Reconciler could not remove %s on %s: %s", login, cluster.name(), e.getMessage());
                        continue;
                    }
                    removed.add(new OrphanLogin(cluster.name(), login, why));
                    QuarkusTransaction.requiringNew().run(() -> audit.record("access.orphan-removed", "cluster",
                            cluster.name(), Map.of("login", login, "why", why)));
                }
            }
        }
        return new ReconcileReport(removed);
    }
}
