package dev.larder.backend.approval.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public final class ApprovalViews {

    private ApprovalViews() {
    }

    /**
     * What a subject asks to have approved. {@code expiresIn} may shorten the policy's expiry for a subject that
     * is only useful for a while (an access window); null means {@code larder.approvals.expiry}.
     */
    public record NewApproval(String subjectType, long subjectId, long datastoreId, long teamId, String environment,
            String requestedBy, String summary, boolean adminRequired, Duration expiresIn) {

        public NewApproval(String subjectType, long subjectId, long datastoreId, long teamId, String environment,
                String requestedBy, String summary, boolean adminRequired) {
            this(subjectType, subjectId, datastoreId, teamId, environment, requestedBy, summary, adminRequired, null);
        }
    }

    /** One approve or reject. */
    public record DecisionView(String approver, String decision, String reason, boolean asAdmin, Instant at) {
    }

    public record ApprovalView(long id, String subjectType, long subjectId, long datastoreId, String team,
            String environment, String requestedBy, String summary, int approvalsRequired, boolean adminRequired,
            List<String> approvers, String state, List<DecisionView> approvals, int approvalsSoFar,
            Instant expiresAt, Instant createdAt, Instant decidedAt) {
    }

    /** The request after a decision, whether this call changed anything, and what happened in words. */
    public record DecisionOutcome(ApprovalView approval, boolean changed, String message) {
    }

    /** The body of approve and reject. A reason is required to reject. */
    public record DecisionRequest(String reason) {
    }

    /**
     * @param waitingForMe PENDING requests the caller may decide and has not decided, their own excluded
     */
    public record ApprovalFilter(String state, Long datastoreId, String subjectType, boolean waitingForMe) {
    }

    /** Ask for a step-up link: {@code decision} approve or reject (a reason is required to reject). */
    public record StepUpRequest(String decision, String reason) {
    }

    /** A one-time link for the caller to confirm their decision with their own identity. */
    public record StepUpLink(long approvalId, String decision, String url, Instant expiresAt) {
    }

    /** What a step-up page shows before the person confirms. */
    public record StepUpView(ApprovalView approval, String member, String decision, String reason,
            Instant expiresAt) {
    }
}
