package dev.larder.backend.approval.rest;

import dev.larder.backend.approval.service.ApprovalService;
import dev.larder.backend.approval.service.ChatDecisionPolicy;
import dev.larder.backend.approval.service.StepUpService;
import dev.larder.backend.approval.service.ApprovalViews.ApprovalFilter;
import dev.larder.backend.approval.service.ApprovalViews.ApprovalView;
import dev.larder.backend.approval.service.ApprovalViews.DecisionOutcome;
import dev.larder.backend.approval.service.ApprovalViews.DecisionRequest;
import dev.larder.backend.approval.service.ApprovalViews.StepUpLink;
import dev.larder.backend.approval.service.ApprovalViews.StepUpRequest;
import dev.larder.backend.common.web.Page;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Approval requests: what waits for whose decision, and the buttons. */
@Path("/api/v1/approvals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    @Inject
    ApprovalService approvals;

    @Inject
    StepUpService stepUps;

    @Inject
    ChatDecisionPolicy chatPolicy;

    @GET
    @Operation(summary = "List approval requests", description = "waitingForMe=true: PENDING requests you may"
            + " decide and have not decided, your own excluded.")
    public Page<ApprovalView> list(@QueryParam("state") String state, @QueryParam("datastoreId") Long datastoreId,
            @QueryParam("subjectType") String subjectType,
            @QueryParam("waitingForMe") @DefaultValue("false") boolean waitingForMe,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return approvals.list(new ApprovalFilter(state, datastoreId, subjectType, waitingForMe), page, size);
    }

    @GET
    @Path("/chat-policy")
    @Operation(summary = "How a decision made in chat counts, per environment", description = "button: the click"
            + " decides; step-up: the click yields a one-time link to confirm with your own identity; portal-only.")
    public Map<String, String> chatPolicy() {
        return chatPolicy.all();
    }

    @POST
    @Path("/{id}/step-up")
    @Operation(summary = "A one-time link to confirm a decision with your own identity", description = "For a person"
            + " (usually through the chat bot). Refused when the decision would be refused. The link works once,"
            + " for larder.approvals.step-up-ttl, and only for you.")
    public StepUpLink stepUp(@PathParam("id") long id, StepUpRequest body) {
        return stepUps.issue(id, body);
    }

    @GET
    @Path("/{id}")
    public ApprovalView get(@PathParam("id") long id) {
        return approvals.get(id);
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve", description = "Never your own request. A second approval by the same person"
            + " changes nothing (changed=false).")
    public DecisionOutcome approve(@PathParam("id") long id, DecisionRequest body) {
        return approvals.decide(id, true, body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject, with a reason", description = "One reject from an allowed approver settles the"
            + " request as REJECTED.")
    public DecisionOutcome reject(@PathParam("id") long id, DecisionRequest body) {
        return approvals.decide(id, false, body == null ? null : body.reason());
    }
}
