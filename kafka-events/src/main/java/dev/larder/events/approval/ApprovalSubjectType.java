package dev.larder.events.approval;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an approval request is about. */
public enum ApprovalSubjectType {
    @JsonProperty("datachange") DATACHANGE,
    @JsonProperty("access") ACCESS,
    @JsonProperty("migration") MIGRATION
}
