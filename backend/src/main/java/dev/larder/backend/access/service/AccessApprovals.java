package dev.larder.backend.access.service;

import dev.larder.backend.access.domain.AccessGrant;
import dev.larder.backend.access.domain.AccessState;
import dev.larder.backend.access.repository.AccessGrantRepository;
import dev.larder.backend.approval.service.ApprovalSubject;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.events.CloudEvent;
import dev.larder.events.access.AccessRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * What an approval decision means for access. For a request: approved activates the grant (the personal login is
 * created inside the deciding transaction, so a server that refuses leaves the request undecided), rejected denies
 * it. For a break-glass grant the approval is its review: approved closes the review, rejected revokes the grant.
 */
@ApplicationScoped
public class AccessApprovals implements ApprovalSubject {

    @Inject
    AccessGrantRepository grants;

    @Inject
    AccessService access;

    @Inject
    DatastoreTargets targets;

    @Inject
    AuditService audit;

    @Inject
    Outbox outbox;

    @Override
    public String subjectType() {
        return AccessService.SUBJECT;
    }

    @Override
    public void approved(long subjectId, long approvalId) {
        AccessGrant grant = grants.lock(subjectId).orElse(null);
        if (grant == null) {
            return;
        }
        if (grant.breakGlass) {
            audit.record("access.break-glass-reviewed", "datastore", grant.datastoreId,
                    AccessService.details(grant));
            return;
        }
        if (grant.state == AccessState.PENDING) {
            grant.state = AccessState.APPROVED;
            Target target = targets.target(grant.datastoreId);
            access.activate(grant, target, AccessService.engine(target));
        }
    }

    @Override
    public void rejected(long subjectId, long approvalId, String by, String reason) {
        AccessGrant grant = grants.lock(subjectId).orElse(null);
        if (grant == null) {
            return;
        }
        if (grant.breakGlass && grant.state == AccessState.ACTIVE) {
            access.dropLogins(grant, targets.target(grant.datastoreId));
            String why = "break-glass review rejected by " + by + ": " + reason;
            AccessService.end(grant, AccessState.REVOKED, by, why);
            Map<String, Object> details = AccessService.details(grant);
            details.put("reason", why);
            audit.record("access.revoked", "datastore", grant.datastoreId, details);
            outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(grant.datastoreId),
                    new AccessRevoked(grant.id, grant.datastoreId, grant.holder, by, why))
                    .withId("access/" + grant.id + "/revoked"));
        } else if (grant.state == AccessState.PENDING) {
            AccessService.end(grant, AccessState.DENIED, by, reason);
            audit.record("access.denied", "datastore", grant.datastoreId, AccessService.details(grant));
        }
    }

    @Override
    public void expired(long subjectId, long approvalId) {
        AccessGrant grant = grants.lock(subjectId).orElse(null);
        if (grant == null) {
            return;
        }
        if (grant.breakGlass) {
            audit.record("access.break-glass-review-overdue", "datastore", grant.datastoreId,
                    AccessService.details(grant));
        } else if (grant.state == AccessState.PENDING) {
            AccessService.end(grant, AccessState.CANCELLED, "larder-expiry", "nobody decided in time");
            audit.record("access.cancelled", "datastore", grant.datastoreId, AccessService.details(grant));
        }
    }
}
