package dev.larder.events.approval;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome recorded on an approval request. */
public enum ApprovalDecision {
    @JsonProperty("approved") APPROVED,
    @JsonProperty("rejected") REJECTED,
    @JsonProperty("expired") EXPIRED
}
