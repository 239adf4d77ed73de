package dev.larder.backend.datachange.repository;

import dev.larder.backend.datachange.domain.DataChange;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DataChangeRepository implements PanacheRepository<DataChange> {

    public Optional<DataChange> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(DataChange.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Claims finished changes whose images are past retention, skipping any whose rollback is still on its way
     * (the rollback needs them). Rows are locked until the caller's transaction ends.
     */
    @SuppressWarnings("unchecked")
    public List<Long> claimImagesDue(Instant finishedBefore, int limit) {
        return ((List<Number>) getEntityManager().createNativeQuery("SELECT c.id FROM data_changes c"
                + " WHERE c.finished_at <= ?1 AND c.images_purged_at IS NULL AND NOT EXISTS (SELECT 1 FROM"
                + " data_changes r WHERE r.id = c.rolled_back_by AND r.state IN ('DRAFT', 'PENDING_APPROVAL',"
                + " 'APPROVED', 'EXECUTING')) ORDER BY c.id LIMIT " + limit + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, finishedBefore).getResultList()).stream().map(Number::longValue).toList();
    }

    public Optional<DataChange> findByCommandId(String commandId) {
        return find("commandId", commandId).firstResultOptional();
    }
}
