package dev.larder.backend.access.service;

import java.time.Instant;
import java.util.List;

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

    /** Shown once. */
    public record RevealedAccess(long grantId, String login, String password, String database,
            List<Endpoint> clusters, Instant expiresAt, String mysqlCommand) {

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
