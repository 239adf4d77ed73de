package dev.larder.backend.audit.repository;

import dev.larder.backend.audit.domain.AuditEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEvent> {

    /** Locks the chain head for the rest of the transaction and returns {seq, hash}. */
    public Object[] lockHead() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .getSingleResult();
    }

    public void moveHead(long seq, String hash) {
        getEntityManager().createNativeQuery("UPDATE audit_chain_head SET seq = ?1, hash = ?2 WHERE id = 1")
                .setParameter(1, seq).setParameter(2, hash).executeUpdate();
    }

    public Object[] head() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT seq, hash FROM audit_chain_head WHERE id = 1")
                .getSingleResult();
    }

    public List<AuditEvent> chainAfter(long seq, int batch) {
        return find("seq > ?1 order by seq", seq).page(0, batch).list();
    }
}
