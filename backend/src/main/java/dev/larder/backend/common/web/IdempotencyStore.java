package dev.larder.backend.common.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Remembers writes made with an Idempotency-Key for 24 hours, so a retried request gets the first answer. */
@ApplicationScoped
public class IdempotencyStore {

    static final Duration KEEP = Duration.ofHours(24);

    @Inject
    EntityManager em;

    public sealed interface Outcome permits Proceed, Replay, Mismatch, InProgress {
    }

    public record Proceed(long id) implements Outcome {
    }

    public record Replay(int status, String contentType, String body) implements Outcome {
    }

    public record Mismatch() implements Outcome {
    }

    public record InProgress() implements Outcome {
    }

    public Outcome begin(String actor, String key, String method, String path, String requestHash) {
        Outcome existing = QuarkusTransaction.requiringNew().call(() -> lookup(actor, key, requestHash));
        if (existing != null) {
            return existing;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("INSERT INTO idempotency_keys (actor, idem_key, method, path, request_hash,"
                        + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                        .setParameter(1, actor).setParameter(2, key).setParameter(3, method)
                        .setParameter(4, path.length() > 500 ? path.substring(0, 500) : path)
                        .setParameter(5, requestHash).setParameter(6, Timestamp.from(Instant.now()))
                        .executeUpdate();
                Number id = (Number) em.createNativeQuery("SELECT id FROM idempotency_keys WHERE actor = ?1"
                        + " AND idem_key = ?2").setParameter(1, actor).setParameter(2, key).getSingleResult();
                return new Proceed(id.longValue());
            });
        } catch (PersistenceException e) {
            // Another request with the same key won the insert a moment ago.
            return new InProgress();
        }
    }

    private Outcome lookup(String actor, String key, String requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, content_type, response_body"
                + " FROM idempotency_keys WHERE actor = ?1 AND idem_key = ?2")
                .setParameter(1, actor).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            return new Mismatch();
        }
        if (row[1] == null) {
            return new InProgress();
        }
        return new Replay(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
    }

    public void complete(long id, int status, String contentType, String body) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE idempotency_keys SET status = ?1,"
                + " content_type = ?2, response_body = ?3 WHERE id = ?4")
                .setParameter(1, status).setParameter(2, contentType).setParameter(3, body).setParameter(4, id)
                .executeUpdate());
    }

    public void forget(long id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM idempotency_keys WHERE id = ?1")
                .setParameter(1, id).executeUpdate());
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expire() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM idempotency_keys WHERE"
                + " created_at < ?1").setParameter(1, Timestamp.from(Instant.now().minus(KEEP))).executeUpdate());
    }
}
