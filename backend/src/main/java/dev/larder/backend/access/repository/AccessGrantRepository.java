package dev.larder.backend.access.repository;

import dev.larder.backend.access.domain.AccessGrant;
import dev.larder.backend.access.domain.AccessState;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AccessGrantRepository implements PanacheRepository<AccessGrant> {

    public Optional<AccessGrant> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(AccessGrant.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<AccessGrant> findByRevealToken(String tokenHash) {
        return find("revealTokenHash", tokenHash).firstResultOptional();
    }

    /** Active grants whose time ran out, locked; rows another replica holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<Long> claimExpired(Instant now, int limit) {
        return ((List<Number>) getEntityManager().createNativeQuery("SELECT id FROM access_grants WHERE state = ?1"
                + " AND expires_at <= ?2 ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, AccessState.ACTIVE.name()).setParameter(2, now).getResultList())
                .stream().map(Number::longValue).toList();
    }

    /** Active grants that expire before {@code soon} and have not been reminded, locked, skipping held rows. */
    @SuppressWarnings("unchecked")
    public List<Long> claimReminders(Instant soon, int limit) {
        return ((List<Number>) getEntityManager().createNativeQuery("SELECT id FROM access_grants WHERE state = ?1"
                + " AND reminded_at IS NULL AND expires_at <= ?2 ORDER BY id LIMIT " + limit
                + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, AccessState.ACTIVE.name()).setParameter(2, soon).getResultList())
                .stream().map(Number::longValue).toList();
    }
}
