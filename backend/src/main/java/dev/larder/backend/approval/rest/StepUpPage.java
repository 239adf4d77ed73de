package dev.larder.backend.approval.rest;

import static dev.larder.backend.common.web.HtmlPage.esc;

import dev.larder.backend.approval.service.ApprovalViews.ApprovalView;
import dev.larder.backend.approval.service.ApprovalViews.DecisionOutcome;
import dev.larder.backend.approval.service.ApprovalViews.DecisionView;
import dev.larder.backend.approval.service.ApprovalViews.StepUpView;
import dev.larder.backend.approval.service.StepUpService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.HtmlPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The step-up page a chat approver is sent to: it shows what they are deciding and asks them to confirm, signed in
 * as themselves. Opening it changes nothing (link previews use nothing); the confirmation is a deliberate POST.
 */
@Path("/approvals/step-up/{token}")
@Produces(MediaType.TEXT_HTML)
public class StepUpPage {

    private static final String FOOTER = "Larder — this link works once, only for you; every decision is audited.";

    @Inject
    StepUpService stepUps;

    @GET
    public Response show(@PathParam("token") String token) {
        try {
            StepUpView link = stepUps.peek(token);
            ApprovalView approval = link.approval();
            boolean approve = "approve".equals(link.decision());
            String verb = approve ? "Approve" : "Reject";
            return HtmlPage.page(200, "Confirm: " + verb.toLowerCase() + " request #" + approval.id(), "<p>You ("
                    + esc(link.member()) + ") asked in chat to <strong>" + verb.toLowerCase() + "</strong> this"
                    + " request. Confirm it here, signed in as yourself.</p>" + describe(approval)
                    + (link.reason() == null ? "" : "<dl><dt>Your reason</dt><dd id=\"reason\">" + esc(link.reason())
                            + "</dd></dl>")
                    + "<p>This link works until " + esc(String.valueOf(link.expiresAt())) + ".</p>"
                    + "<form method=\"post\"><button type=\"submit\" id=\"confirm\">" + verb + "</button></form>",
                    FOOTER);
        } catch (ProblemException e) {
            return HtmlPage.page(e.status(), e.title(), "<p>" + esc(e.getMessage()) + "</p>", FOOTER);
        }
    }

    @POST
    public Response confirm(@PathParam("token") String token) {
        try {
            DecisionOutcome outcome = stepUps.confirm(token);
            return HtmlPage.page(200, "Done", "<p id=\"outcome\">" + esc(outcome.message()) + "</p>"
                    + describe(outcome.approval()) + "<p>You can close this page; the chat message updates itself.</p>",
                    FOOTER);
        } catch (ProblemException e) {
            return HtmlPage.page(e.status(), e.title(), "<p>" + esc(e.getMessage()) + "</p>", FOOTER);
        }
    }

    private static String describe(ApprovalView approval) {
        StringBuilder decided = new StringBuilder();
        for (DecisionView decision : approval.approvals()) {
            decided.append("<li>").append(esc(decision.approver())).append(" ").append(esc(decision.decision()))
                    .append(decision.reason() == null ? "" : ": " + esc(decision.reason())).append("</li>");
        }
        return "<dl><dt>Request</dt><dd id=\"summary\">" + esc(approval.summary()) + "</dd>"
                + "<dt>Team</dt><dd>" + esc(approval.team()) + "</dd>"
                + "<dt>Environment</dt><dd id=\"environment\">" + esc(approval.environment()) + "</dd>"
                + "<dt>Requested by</dt><dd>" + esc(approval.requestedBy()) + "</dd>"
                + "<dt>State</dt><dd id=\"state\">" + esc(approval.state()) + " (" + approval.approvalsSoFar()
                + " of " + approval.approvalsRequired() + " approvals)</dd></dl>"
                + (decided.isEmpty() ? "" : "<ul id=\"decisions\">" + decided + "</ul>");
    }
}
