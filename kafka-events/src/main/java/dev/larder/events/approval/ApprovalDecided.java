package dev.larder.events.approval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One decision on an approval request. With several approvals required, each approval is an event;
 * {@code final} tells whether the request is now settled.
 *
 * @param decidedBy absent for {@code expired}
 * @param reason    optional for {@code approved}, given for {@code rejected}
 * @param isFinal   JSON {@code final} (a Java keyword, hence the component name): the request is settled
 */
public record ApprovalDecided(long approvalId, ApprovalSubjectType subjectType, long subjectId, long datastoreId,
        ApprovalDecision decision, String decidedBy, String reason, int approvalsSoFar, int approvalsRequired,
        @JsonProperty("final") boolean isFinal) {
}
