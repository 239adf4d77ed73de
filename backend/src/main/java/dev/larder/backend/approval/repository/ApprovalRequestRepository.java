package dev.larder.backend.approval.repository;

import dev.larder.backend.approval.domain.ApprovalRequest;
import dev.larder.backend.approval.domain.ApprovalState;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ApprovalRequestRepository implements PanacheRepository<ApprovalRequest> {

    /** The request, locked until the caller's transaction ends: decisions on one request happen one at a time. */
    public Optional<ApprovalRequest> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<ApprovalRequest> forSubject(String subjectType, long subjectId) {
        return find("subjectType = ?1 and subjectId = ?2", subjectType, subjectId).firstResultOptional();
    }

    /**
     * Claims the next PENDING request past its deadline with an id above {@code afterId}, skipping rows another
     * replica (or a person deciding right now) holds. The lock lasts until the caller's transaction ends.
     */
    @SuppressWarnings("unchecked")
    public Optional<Long> claimOverdue(Instant now, long afterId) {
        List<Number> ids = getEntityManager().createNativeQuery("SELECT id FROM approval_requests WHERE state = ?1"
                + " AND expires_at <= ?2 AND id > ?3 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, ApprovalState.PENDING.name()).setParameter(2, now).setParameter(3, afterId)
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }
}
