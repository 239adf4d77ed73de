package dev.larder.backend.audit.service;

import java.time.Instant;

public record AuditQuery(String actor, String action, String targetType, String targetId, Instant from, Instant to) {
}
