package dev.larder.backend.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

public record AuditView(long id, long seq, Instant occurredAt, String actor, String action, String targetType,
        String targetId, String channel, String correlationId, JsonNode details, String hash) {
}
