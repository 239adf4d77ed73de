package dev.larder.slack.notices;

import static dev.larder.slack.slackapi.Blocks.esc;
import static dev.larder.slack.slackapi.Blocks.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.events.approval.ApprovalDecided;
import dev.larder.events.approval.ApprovalDecision;
import dev.larder.slack.backend.Backend;
import dev.larder.slack.backend.Datastores;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.slackapi.Render;
import dev.larder.slack.slackapi.Blocks;
import dev.larder.slack.slackapi.People;
import dev.larder.slack.slackapi.SlackApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One message per approval request in the owning team's approval channel, updated in place as the request moves
 * (approvals so far, rejected, expired, executed), with decisions and reasons as thread replies and a DM to the
 * requester. Where the message is lives in the backend (the bot keeps no state); everything shown is read from the
 * backend when an event says something changed, so a replayed event only redraws the same message.
 */
@ApplicationScoped
public class ApprovalMessages {

    private static final Logger LOG = Logger.getLogger(ApprovalMessages.class);

    @Inject
    Backend backend;

    @Inject
    SlackApi slack;

    @Inject
    People people;

    record Rendered(String text, String blocks, JsonNode approval, JsonNode subject) {
    }

    /** Posts the request to its team's approval channel, once. */
    void requested(long approvalId) {
        if (backend.bot().get("/api/v1/slack/approval-messages/" + approvalId).ok()) {
            return;
        }
        Rendered rendered = render(approvalId);
        String team = rendered.approval().path("team").asText();
        String channel = backend.bot().get("/api/v1/teams/" + Backend.path(team)).body().path("approvalChannel")
                .asText("");
        if (channel.isEmpty()) {
            LOG.infof("Team %s has no approval channel; approval request %d is not posted", team, approvalId);
            return;
        }
        SlackApi.Posted posted = slack.post(channel, rendered.text(), rendered.blocks(), null);
        Backend.Answer stored = backend.bot().put("/api/v1/slack/approval-messages/" + approvalId,
                Map.of("channel", posted.channel(), "ts", posted.ts()));
        if (!stored.ok()) {
            LOG.warnf("Could not record the message of approval request %d: %s", approvalId, stored.problem());
        }
    }

    /** Redraws the message, says who decided what in its thread, and tells the requester. */
    void decided(ApprovalDecided decided) {
        String line = switch (decided.decision()) {
            case APPROVED -> ":white_check_mark: *" + esc(decided.decidedBy()) + "* approved ("
                    + decided.approvalsSoFar() + " of " + decided.approvalsRequired() + ")";
            case REJECTED -> ":x: *" + esc(decided.decidedBy()) + "* rejected";
            case EXPIRED -> ":hourglass: Expired without a decision";
        };
        if (decided.reason() != null && !decided.reason().isBlank()) {
            line += ": " + esc(truncate(decided.reason(), 1000));
        }
        Rendered rendered = refresh(decided.approvalId(), line);
        String requester = rendered.approval().path("requestedBy").asText();
        String state = rendered.approval().path("state").asText();
        String what = subjectName(rendered.approval());
        Blocks dm = Blocks.of().section(line + "\nYour " + what + " is now *" + state + "*.");
        boolean runnable = decided.decision() == ApprovalDecision.APPROVED && decided.isFinal()
                && "datachange".equals(rendered.approval().path("subjectType").asText())
                && "APPROVED".equals(rendered.subject().path("state").asText());
        if (runnable) {
            dm.actions(Ids.EXECUTE, Blocks.button(Ids.EXECUTE, "Execute now", rendered.approval()
                    .path("datastoreId").asText() + ":" + rendered.approval().path("subjectId").asText(), "primary"));
        }
        people.tell(requester, line + " — your " + what + " is " + state, dm.toString());
    }

    /** Redraws the message and, with a line, adds it to the thread; answers what was drawn. */
    Rendered refresh(long approvalId, String threadLine) {
        Rendered rendered = render(approvalId);
        Backend.Answer ref = backend.bot().get("/api/v1/slack/approval-messages/" + approvalId);
        if (ref.ok()) {
            String channel = ref.body().path("channel").asText();
            String ts = ref.body().path("ts").asText();
            slack.update(channel, ts, rendered.text(), rendered.blocks());
            if (threadLine != null) {
                slack.post(channel, threadLine, null, ts);
            }
        }
        return rendered;
    }

    Rendered render(long approvalId) {
        JsonNode approval = backend.bot().get("/api/v1/approvals/" + approvalId).body();
        long datastoreId = approval.path("datastoreId").asLong();
        JsonNode datastore = backend.bot().get("/api/v1/datastores/" + datastoreId).body();
        String environment = approval.path("environment").asText();
        String subjectType = approval.path("subjectType").asText();
        boolean access = "access".equals(subjectType);
        long subjectId = approval.path("subjectId").asLong();
        JsonNode subject = backend.bot().get(switch (subjectType) {
            case "access" -> "/api/v1/access-grants/" + subjectId;
            case "migration" -> "/api/v1/datastores/" + datastoreId + "/migrations/" + subjectId;
            default -> "/api/v1/datastores/" + datastoreId + "/data-changes/" + subjectId;
        }).body();
        String title = switch (subjectType) {
            case "access" -> "Access request";
            case "migration" -> "Migration";
            default -> "Data change";
        } + " #" + subjectId + " on " + Datastores.label(datastore);
        StringBuilder what = new StringBuilder("*What:* ");
        if (access) {
            what.append(subject.path("level").asText()).append(" access for ").append(subject.path("duration")
                    .asText());
        } else if ("migration".equals(subjectType)) {
            what.append("versions ").append(subject.path("versions")).append(" — ")
                    .append(esc(truncate(approval.path("summary").asText(), 1500)));
            for (JsonNode finding : subject.path("findings")) {
                what.append("\n• *").append(finding.path("severity").asText()).append("* `")
                        .append(finding.path("ruleId").asText()).append("` ")
                        .append(esc(truncate(finding.path("message").asText(), 300)));
            }
        } else {
            what.append("\n").append(Render.checkResult(subject));
        }
        String state = approval.path("state").asText();
        StringBuilder status = new StringBuilder("*State:* ").append(state).append(" — ")
                .append(approval.path("approvalsSoFar").asInt()).append(" of ")
                .append(approval.path("approvalsRequired").asInt()).append(" approvals");
        if ("PENDING".equals(state)) {
            status.append(" · expires ").append(approval.path("expiresAt").asText());
        }
        for (JsonNode decision : approval.path("approvals")) {
            status.append("\n").append("approve".equals(decision.path("decision").asText()) ? ":white_check_mark: "
                    : ":x: ").append(esc(decision.path("approver").asText()));
        }
        String subjectState = subject.path("state").asText();
        if ("datachange".equals(subjectType) && !subjectState.equals("PENDING_APPROVAL")
                && !subjectState.equals(state)) {
            status.append("\n*Change:* ").append(subjectState);
            if (subject.path("affectedRows").isArray() && !subject.path("affectedRows").isEmpty()) {
                long rows = 0;
                for (JsonNode n : subject.path("affectedRows")) {
                    rows += n.asLong();
                }
                status.append(" — ").append(rows).append(" rows affected");
            }
            if (!subject.path("failure").asText("").isEmpty()) {
                status.append(" — ").append(esc(truncate(subject.path("failure").asText(), 500)));
            }
        }
        if (access && !subjectState.isEmpty() && !"PENDING".equals(subjectState)) {
            status.append("\n*Grant:* ").append(subjectState);
        }
        Blocks blocks = Blocks.of()
                .section("*" + esc(title) + "* · *" + environment + "*")
                .section("*Who:* " + esc(approval.path("requestedBy").asText()) + "\n" + what
                        + (subject.hasNonNull("reason") ? "\n*Why:* " + esc(truncate(subject.path("reason").asText(),
                                1000)) : ""))
                .context(status.toString());
        if ("PENDING".equals(state)) {
            ObjectNode approve = Blocks.button(Ids.APPROVE, "Approve", String.valueOf(approvalId), "primary");
            ObjectNode reject = Blocks.button(Ids.REJECT, "Reject", String.valueOf(approvalId), "danger");
            if ("prod".equals(environment)) {
                Blocks.confirm(approve, "Approve in prod?", "This approves *" + esc(title) + "* in *prod*.",
                        "Approve");
                Blocks.confirm(reject, "Reject in prod?", "This rejects *" + esc(title) + "*.", "Reject");
            }
            blocks.actions(Ids.APPROVAL_BUTTONS, approve, reject);
        }
        return new Rendered(title + " — " + state, blocks.toString(), approval, subject);
    }

    static String subjectName(JsonNode approval) {
        return switch (approval.path("subjectType").asText()) {
            case "access" -> "access request #";
            case "migration" -> "migration #";
            default -> "data change #";
        } + approval.path("subjectId").asText();
    }
}
