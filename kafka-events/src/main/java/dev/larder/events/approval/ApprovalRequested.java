package dev.larder.events.approval;

import java.time.Instant;
import java.util.List;

/**
 * Someone's request needs approvals under the policy; the Slack bot posts it to the approvers.
 *
 * @param subjectId      the id of the data change, access grant or migration
 * @param summary        one line for a person, e.g. "UPDATE orders … (3 statements, ~120 rows)"
 * @param approverGroups Backstage groups whose members may approve
 * @param expiresAt      when the request expires undecided
 */
public record ApprovalRequested(long approvalId, ApprovalSubjectType subjectType, long subjectId, long datastoreId,
        String environment, String requestedBy, String summary, int approvalsRequired, List<String> approverGroups,
        Instant expiresAt) {

    public ApprovalRequested {
        approverGroups = approverGroups == null ? List.of() : List.copyOf(approverGroups);
    }
}
