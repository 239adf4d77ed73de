package dev.larder.backend.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.larder.backend.audit.domain.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The canonical form an audit event is hashed in: JSON, keys sorted, times in epoch milliseconds. */
final class AuditCanonical {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private AuditCanonical() {
    }

    static String details(Map<String, ?> details) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain JSON values", e);
        }
    }

    static String hash(AuditEvent event) {
        Map<String, Object> form = new TreeMap<>();
        form.put("seq", event.seq);
        form.put("occurredAt", event.occurredAt.toEpochMilli());
        form.put("actor", event.actor);
        form.put("action", event.action);
        form.put("targetType", event.targetType);
        form.put("targetId", event.targetId);
        form.put("channel", event.channel);
        form.put("correlationId", event.correlationId);
        form.put("details", event.details);
        form.put("prevHash", event.prevHash);
        try {
            return sha256(JSON.writeValueAsString(form));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
