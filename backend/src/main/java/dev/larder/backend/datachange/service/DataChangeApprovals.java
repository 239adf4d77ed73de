package dev.larder.backend.datachange.service;

import dev.larder.backend.approval.service.ApprovalSubject;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.datachange.domain.DataChange;
import dev.larder.backend.datachange.domain.DataChangeState;
import dev.larder.backend.datachange.repository.DataChangeRepository;
import dev.larder.backend.datastore.service.DatastoreTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** What an approval decision means for a data change; runs inside the deciding transaction. */
@ApplicationScoped
public class DataChangeApprovals implements ApprovalSubject {

    @Inject
    DataChangeRepository changes;

    @Inject
    DatastoreTargets targets;

    @Inject
    DataChangeConfig config;

    @Inject
    AuditService audit;

    @Inject
    Event<DataChangeExecutor.AutoExecute> autoExecute;

    @Override
    public String subjectType() {
        return DataChangeService.SUBJECT;
    }

    @Override
    public void approved(long subjectId, long approvalId) {
        DataChange change = pending(subjectId);
        if (change == null) {
            return;
        }
        change.state = DataChangeState.APPROVED;
        change.decidedAt = Instant.now();
        audit.record("datachange.approved", "datastore", change.datastoreId, DataChangeService.details(change));
        String environment = targets.target(change.datastoreId).environment();
        if (config.policy(environment).autoExecute()) {
            autoExecute.fire(new DataChangeExecutor.AutoExecute(subjectId));
        }
    }

    @Override
    public void rejected(long subjectId, long approvalId, String by, String reason) {
        close(subjectId, DataChangeState.REJECTED, Map.of("by", by, "reason", reason == null ? "" : reason));
    }

    @Override
    public void expired(long subjectId, long approvalId) {
        close(subjectId, DataChangeState.EXPIRED, Map.of());
    }

    private void close(long subjectId, DataChangeState state, Map<String, Object> extra) {
        DataChange change = pending(subjectId);
        if (change == null) {
            return;
        }
        change.state = state;
        change.decidedAt = Instant.now();
        if (change.rollbackOf != null) {
            changes.lock(change.rollbackOf).ifPresent(original -> original.rolledBackBy = null);
        }
        Map<String, Object> details = DataChangeService.details(change);
        details.putAll(extra);
        audit.record("datachange." + state.name().toLowerCase(), "datastore", change.datastoreId, details);
    }

    private DataChange pending(long subjectId) {
        return changes.lock(subjectId).filter(change -> change.state == DataChangeState.PENDING_APPROVAL)
                .orElse(null);
    }
}
