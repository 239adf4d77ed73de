package dev.larder.backend.outbox.repository;

import dev.larder.backend.outbox.domain.OutboxEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /** Takes the relay's lock if no other replica holds it; false means someone else is relaying. */
    public boolean tryLockRelay() {
        return !getEntityManager()
                .createNativeQuery("SELECT id FROM outbox_relay_lock WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .getResultList().isEmpty();
    }

    public List<OutboxEvent> pending(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    public long countPending() {
        return count("publishedAt is null");
    }
}
