package dev.larder.backend.access.service;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public final class AccessViews {

    private AccessViews() {
    }

    /** An access request: level read|write, an ISO-8601 duration (PT4H), why, and optionally a ticket. */
    public record NewAccessRequest(String level, String duration, String reason, String ticket, Boolean breakGlass) {
    }

    public record EndRequest(String reason) {
    }

    public record AccessView(long id, long datastoreId, String holder, String level, String duration, String reason,
            String ticket, String state, boolean breakGlass, Long approvalId, String login, Instant expiresAt,
            Instant activatedAt, boolean revealed, Instant revealedAt, String revealedBy, Instant endedAt,
            String endedBy, String endReason, Instant createdAt) {
    }

    /** Shown once. The engine's connection fields sit next to the login in the JSON. */
    public record RevealedAccess(long grantId, String kind, String login, String password, List<Endpoint> clusters,
            Instant expiresAt, @JsonIgnore Map<String, Object> connection) {

        @JsonAnyGetter
        public Map<String, Object> connectionFields() {
            return connection;
        }

        @Override
        public String toString() {
            return "RevealedAccess[grant=" + grantId + ", login=" + login + "]";
        }
    }

    public record Endpoint(String cluster, String host, int port) {
    }

    public record OrphanLogin(String cluster, String login, String why) {
    }

    public record ReconcileReport(List<OrphanLogin> removed) {
    }
}
