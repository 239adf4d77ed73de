package dev.larder.backend.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.larder.backend.audit.domain.AuditEvent;
import dev.larder.backend.audit.repository.AuditRepository;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Appends to and reads the audit trail. Appending joins the caller's transaction, so an action and its audit
 * record commit or roll back together.
 */
@ApplicationScoped
public class AuditService {

    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "token", "credential");
    private static final int VERIFY_BATCH = 500;

    @Inject
    AuditRepository events;

    @Inject
    Caller caller;

    @Inject
    RequestMetadata request;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, Object targetId, Map<String, ?> details) {
        recordAs(caller.name(), action, targetType, targetId, details);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String actor, String action, String targetType, Object targetId, Map<String, ?> details) {
        details.keySet().forEach(AuditService::refuseSecretKeys);
        Object[] head = events.lockHead();
        AuditEvent event = new AuditEvent();
        event.seq = ((Number) head[0]).longValue() + 1;
        event.prevHash = (String) head[1];
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event.actor = actor;
        event.action = action;
        event.targetType = targetType;
        event.targetId = String.valueOf(targetId);
        String via = caller.via() == null ? null : caller.via().replace("service:", "");
        event.channel = via == null ? request.channel() : via.substring(0, Math.min(20, via.length()));
        event.correlationId = request.correlationId();
        event.details = AuditCanonical.details(details);
        event.hash = AuditCanonical.hash(event);
        events.persist(event);
        events.moveHead(event.seq, event.hash);
    }

    private static void refuseSecretKeys(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
            throw new IllegalArgumentException("audit details may not carry '" + key + "': secrets never go to audit");
        }
    }

    @Transactional
    public Page<AuditView> list(AuditQuery query, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringJoiner where = new StringJoiner(" and ");
        where.add("1 = 1");
        if (query.actor() != null) {
            where.add("actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            where.add("action = :action");
            params.put("action", query.action());
        }
        if (query.targetType() != null) {
            where.add("targetType = :targetType");
            params.put("targetType", query.targetType());
        }
        if (query.targetId() != null) {
            where.add("targetId = :targetId");
            params.put("targetId", query.targetId());
        }
        if (query.from() != null) {
            where.add("occurredAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("occurredAt < :to");
            params.put("to", query.to());
        }
        var found = events.find(where.toString(), Sort.descending("seq"), params);
        List<AuditView> items = found.page(page, size).list().stream().map(AuditService::view).toList();
        return new Page<>(items, page, size, found.count());
    }

    /** Walks the chain from the start and names the first event whose hash or link does not hold. */
    @Transactional
    public ChainVerification verify() {
        long checked = 0;
        long expectedSeq = 1;
        String prevHash = "0".repeat(64);
        List<AuditEvent> batch;
        do {
            batch = events.chainAfter(expectedSeq - 1, VERIFY_BATCH);
            for (AuditEvent event : batch) {
                String reason = null;
                if (event.seq != expectedSeq) {
                    reason = "sequence jumps from " + (expectedSeq - 1) + " to " + event.seq + ": events were removed";
                } else if (!prevHash.equals(event.prevHash)) {
                    reason = "prev_hash does not match the hash of event " + (event.seq - 1);
                } else if (!AuditCanonical.hash(event).equals(event.hash)) {
                    reason = "content does not match its hash: the event was changed after it was written";
                }
                if (reason != null) {
                    return new ChainVerification(false, checked,
                            new ChainVerification.BrokenLink(event.id, event.seq, event.action, reason));
                }
                checked++;
                expectedSeq++;
                prevHash = event.hash;
            }
            events.getEntityManager().clear();
        } while (batch.size() == VERIFY_BATCH);
        Object[] head = events.head();
        if (((Number) head[0]).longValue() != expectedSeq - 1 || !prevHash.equals(head[1])) {
            return new ChainVerification(false, checked, new ChainVerification.BrokenLink(null,
                    ((Number) head[0]).longValue(), null, "the chain head says " + head[0]
                            + " events but only " + (expectedSeq - 1) + " remain: the newest events were removed"));
        }
        return new ChainVerification(true, checked, null);
    }

    private static AuditView view(AuditEvent event) {
        try {
            return new AuditView(event.id, event.seq, event.occurredAt, event.actor, event.action, event.targetType,
                    event.targetId, event.channel, event.correlationId, AuditCanonical.JSON.readTree(event.details),
                    event.hash);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event " + event.id + " has unreadable details");
        }
    }
}
