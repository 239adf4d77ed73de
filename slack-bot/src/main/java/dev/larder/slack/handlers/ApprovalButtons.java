package dev.larder.slack.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.larder.slack.backend.Backend;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.bolt.Work;
import dev.larder.slack.slackapi.Blocks;
import dev.larder.slack.slackapi.People;
import dev.larder.slack.slackapi.SlackApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Approve, Reject and Execute. The click is the Slack user's; the backend decides whether it counts (four eyes,
 * approver rules, a second click) and how a chat decision counts in the request's environment: button (the click
 * decides), step-up (the click yields a one-time link to confirm with one's own identity) or portal-only. Whatever
 * happens, only the person who clicked is told, ephemerally; the message itself changes when the backend's events
 * say the request changed.
 */
@ApplicationScoped
public class ApprovalButtons {

    @Inject
    Work work;

    @Inject
    People people;

    @Inject
    SlackApi slack;

    @Inject
    Backend backend;

    public Response approve(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        long approvalId = Long.parseLong(payload.getActions().get(0).getValue());
        String channel = channel(payload);
        work.later("approve " + approvalId, () -> decide(payload.getUser().getId(), channel, approvalId, true, null));
        return context.ack();
    }

    /** A reject needs a reason: a small modal asks for it. */
    public Response reject(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        String approvalId = payload.getActions().get(0).getValue();
        slack.openView(payload.getTriggerId(), Blocks.of()
                .input(Ids.REASON, Ids.REASON, "Why reject? (the requester reads it)", true, null, false)
                .modal(Ids.REJECT_MODAL, "Reject request #" + approvalId, "Reject", approvalId + "|"
                        + channel(payload)));
        return context.ack();
    }

    public Response rejectReasonGiven(ViewSubmissionRequest request, ViewSubmissionContext context) {
        String[] meta = request.getPayload().getView().getPrivateMetadata().split("\\|");
        String reason = request.getPayload().getView().getState().getValues().get(Ids.REASON).get(Ids.REASON)
                .getValue();
        String user = request.getPayload().getUser().getId();
        work.later("reject " + meta[0], () -> decide(user, meta[1], Long.parseLong(meta[0]), false, reason));
        return context.ack();
    }

    /** The requester runs their approved change from the DM. */
    public Response execute(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        String[] ids = payload.getActions().get(0).getValue().split(":");
        String channel = channel(payload);
        String user = payload.getUser().getId();
        work.later("execute " + ids[1], () -> people.actingAs(user, channel).ifPresent(as -> {
            Backend.Answer answer = as.post("/api/v1/datastores/" + ids[0] + "/data-changes/"
                    + ids[1] + "/execute", Map.of());
            slack.ephemeral(channel, user, answer.ok() ? "Data change #" + ids[1] + " is running; I will tell you"
                    + " when it is done." : "Not executed: " + answer.problem());
        }));
        return context.ack();
    }

    private void decide(String user, String channel, long approvalId, boolean approve, String reason) {
        Optional<Backend.Caller> member = people.actingAs(user, channel);
        if (member.isEmpty()) {
            return;
        }
        Backend.Caller as = member.get();
        Backend.Answer approval = as.get("/api/v1/approvals/" + approvalId);
        if (!approval.ok()) {
            slack.ephemeral(channel, user, approval.problem());
            return;
        }
        String environment = approval.body().path("environment").asText();
        String policy = backend.bot().get("/api/v1/approvals/chat-policy").body().path(environment).asText("step-up");
        Map<String, Object> body = new HashMap<>();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        String verb = approve ? "approve" : "reject";
        String answer;
        switch (policy) {
            case "button" -> {
                Backend.Answer decided = as.post("/api/v1/approvals/" + approvalId + "/" + verb, body);
                answer = decided.ok() ? decided.body().path("message").asText() : "Nothing changed: "
                        + decided.problem();
            }
            case "portal-only" -> answer = "In " + environment + " requests are decided in the portal, not in"
                    + " Slack: approval request #" + approvalId + ".";
            default -> {
                body.put("decision", verb);
                Backend.Answer link = as.post("/api/v1/approvals/" + approvalId + "/step-up", body);
                answer = link.ok() ? stepUp(link.body(), environment, verb) : "Nothing changed: " + link.problem();
            }
        }
        slack.ephemeral(channel, user, answer);
    }

    private static String stepUp(JsonNode link, String environment, String verb) {
        return "In " + environment + " a click in Slack is not enough: confirm that you " + verb + " with your own"
                + " sign-in here: <" + link.path("url").asText() + "|confirm in Larder>. The link is only for you,"
                + " works once and expires at " + link.path("expiresAt").asText() + ".";
    }

    private static String channel(BlockActionPayload payload) {
        return payload.getChannel() != null ? payload.getChannel().getId() : payload.getContainer().getChannelId();
    }
}
