package dev.larder.backend.slack.service;

import java.time.Instant;

public final class SlackViews {

    private SlackViews() {
    }

    /** A posted message: channel id and Slack's ts. */
    public record MessageRef(String channel, String ts) {
    }

    public record ApprovalMessageView(long approvalId, String channel, String ts, Instant updatedAt) {
    }

    public record NewSubscription(Long datastoreId, String channel) {
    }

    public record SubscriptionView(long id, long datastoreId, String channel, String createdBy, Instant createdAt) {
    }
}
