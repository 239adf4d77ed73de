package dev.larder.backend.slack.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where the Slack bot posted an approval request, so it can update that message in place as the request moves. */
@Entity
@Table(name = "slack_approval_messages")
public class SlackApprovalMessage {

    @Id
    @Column(name = "approval_id")
    public Long approvalId;

    public String channel;

    /** Slack's message timestamp, its id within the channel. */
    public String ts;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
