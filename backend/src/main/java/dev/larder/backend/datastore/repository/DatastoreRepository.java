package dev.larder.backend.datastore.repository;

import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.domain.DatastoreState;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DatastoreRepository implements PanacheRepository<Datastore> {

    public Optional<Datastore> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(Datastore.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Datastore> findActive(String activeKey) {
        return find("activeKey", activeKey).firstResultOptional();
    }

    /**
     * Claims up to {@code limit} datastores in a state whose deadline has passed, skipping rows another replica
     * holds. The locks last until the caller's transaction ends.
     */
    @SuppressWarnings("unchecked")
    public List<Long> claimDue(DatastoreState state, String timeColumn, Instant before, int limit) {
        if (!timeColumn.equals("drop_after") && !timeColumn.equals("updated_at")) {
            throw new IllegalArgumentException("not a deadline column: " + timeColumn);
        }
        return ((List<Number>) getEntityManager().createNativeQuery("SELECT id FROM datastores WHERE state = ?1 AND "
                + timeColumn + " <= ?2 ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, state.name()).setParameter(2, before).getResultList())
                .stream().map(Number::longValue).toList();
    }

    public List<Object[]> countByKindAndState() {
        return getEntityManager().createQuery("select d.kind, d.state, count(d) from Datastore d group by d.kind, d.state",
                Object[].class).getResultList();
    }
}
