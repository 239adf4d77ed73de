package dev.larder.slack.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.larder.slack.backend.Backend;
import dev.larder.slack.backend.Datastores;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.bolt.Work;
import dev.larder.slack.slackapi.Blocks;
import dev.larder.slack.slackapi.People;
import dev.larder.slack.slackapi.Render;
import dev.larder.slack.slackapi.SlackApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two requests a person makes from Slack: time-boxed access (arguments or a modal) and a data change (a modal,
 * then a second view with the backend's findings and row estimates before anything is submitted).
 */
@ApplicationScoped
public class RequestForms {

    /** Slack keeps at most 3000 characters of private metadata: the statements travel in it to the confirm view. */
    static final int METADATA_MAX = 3000;

    @Inject
    Work work;

    @Inject
    People people;

    @Inject
    SlackApi slack;

    @Inject
    Backend backend;

    @Inject
    ObjectMapper json;

    // ------------------------------------------------------------------------------------------------ access

    /** {@code access <datastore> [read|write] [duration] [reason…]}: submits when complete, else opens the form. */
    String access(Backend.Caller as, List<String> args, String channel, String trigger) {
        Datastores.Found found = Datastores.find(as, args.get(0));
        if (found.datastore() == null) {
            return found.problem();
        }
        long datastoreId = found.datastore().path("id").asLong();
        String level = null;
        String duration = null;
        int next = 1;
        if (args.size() > next && args.get(next).matches("(?i)read|write")) {
            level = args.get(next++).toLowerCase(Locale.ROOT);
        }
        if (args.size() > next && Durations.iso(args.get(next)) != null) {
            duration = Durations.iso(args.get(next++));
        }
        String reason = args.size() > next ? String.join(" ", args.subList(next, args.size())) : null;
        if (level != null && duration != null && reason != null) {
            return submitAccess(as, datastoreId, level, duration, reason);
        }
        slack.openView(trigger, Blocks.of()
                .section("Time-boxed access to *" + Datastores.label(found.datastore()) + "*. An approver decides;"
                        + " I will DM you a one-time link to your personal login.")
                .select(Ids.LEVEL, Ids.LEVEL, "Level", level == null ? "read" : level, "read", "write")
                .input(Ids.DURATION, Ids.DURATION, "For how long (e.g. 2h, 30m, 1d)", false,
                        duration == null ? "1h" : duration, false)
                .input(Ids.REASON, Ids.REASON, "Why (the approvers read it)", true, reason, false)
                .modal(Ids.ACCESS_MODAL, "Request access", "Request", datastoreId + "|" + channel));
        return null;
    }

    public Response accessSubmitted(ViewSubmissionRequest request, ViewSubmissionContext context) {
        Map<String, Map<String, ViewState.Value>> values = request.getPayload().getView().getState().getValues();
        String level = values.get(Ids.LEVEL).get(Ids.LEVEL).getSelectedOption().getValue();
        String duration = Durations.iso(text(values, Ids.DURATION));
        if (duration == null) {
            return errors(Map.of(Ids.DURATION, "Give a duration like 2h, 30m, 1d or PT2H."));
        }
        String reason = text(values, Ids.REASON);
        String[] meta = request.getPayload().getView().getPrivateMetadata().split("\\|");
        long datastoreId = Long.parseLong(meta[0]);
        String user = request.getPayload().getUser().getId();
        work.later("access request", () -> asMember(user, meta[1], as -> submitAccess(as, datastoreId, level,
                duration, reason)));
        return context.ack();
    }

    private String submitAccess(Backend.Caller as, long datastoreId, String level, String duration, String reason) {
        Backend.Answer answer = as.post("/api/v1/datastores/" + datastoreId + "/access-requests",
                Map.of("level", level, "duration", duration, "reason", reason));
        if (!answer.ok()) {
            return "Access was not requested: " + answer.problem();
        }
        return "Access request #" + answer.body().path("id").asText() + " (" + level + " for " + duration + ") is "
                + answer.body().path("state").asText() + ". The approvers were asked; I will DM you the decision.";
    }

    // ------------------------------------------------------------------------------------------------ change

    String change(Backend.Caller as, String ref, String channel, String trigger) {
        Datastores.Found found = Datastores.find(as, ref);
        if (found.datastore() == null) {
            return found.problem();
        }
        slack.openView(trigger, Blocks.of()
                .section("A data change on *" + Datastores.label(found.datastore()) + "*: INSERT, UPDATE or DELETE"
                        + " statements, each ending with `;`. You will see the checks and row estimates before"
                        + " anything is submitted.")
                .input(Ids.STATEMENTS, Ids.STATEMENTS, "Statements", true, null, false)
                .input(Ids.REASON, Ids.REASON, "Why (the approvers read it)", true, null, false)
                .modal(Ids.CHANGE_MODAL, "Request a data change", "Check",
                        found.datastore().path("id").asText() + "|" + channel));
        return null;
    }

    /** First step: checks the statements with the backend and shows findings and estimates; records nothing. */
    public Response changeChecked(ViewSubmissionRequest request, ViewSubmissionContext context) {
        Map<String, Map<String, ViewState.Value>> values = request.getPayload().getView().getState().getValues();
        List<String> statements = Statements.split(text(values, Ids.STATEMENTS));
        String reason = text(values, Ids.REASON);
        String[] meta = request.getPayload().getView().getPrivateMetadata().split("\\|");
        Optional<String> member = people.member(request.getPayload().getUser().getId());
        if (member.isEmpty()) {
            return errors(Map.of(Ids.STATEMENTS, People.NOT_A_MEMBER));
        }
        Backend.Answer check = backend.as(member.get()).post("/api/v1/datastores/" + meta[0]
                + "/data-changes/check", Map.of("statements", statements));
        if (!check.ok()) {
            return errors(Map.of(Ids.STATEMENTS, Blocks.truncate(check.problem(), 1500)));
        }
        ObjectNode pending = json.createObjectNode().put("datastoreId", Long.parseLong(meta[0]))
                .put("channel", meta[1]).put("reason", reason);
        statements.forEach(pending.putArray("statements")::add);
        boolean blocked = check.body().path("blocked").asBoolean();
        if (!blocked && pending.toString().length() > METADATA_MAX) {
            return errors(Map.of(Ids.STATEMENTS, "Too long to carry through Slack (over " + METADATA_MAX
                    + " characters); submit it through the API or Backstage."));
        }
        Blocks view = Blocks.of().section(Render.checkResult(check.body()));
        view.context(blocked ? "Blocked: fix the statements (go back) before asking for approval."
                : "Reason: " + Blocks.esc(Blocks.truncate(reason, 500)));
        String body = json.createObjectNode().put("response_action", "update")
                .set("view", readTree(view.modal(Ids.CHANGE_CONFIRM, "Check the change",
                        blocked ? null : "Ask for approval", blocked ? "" : pending.toString()))).toString();
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(body).build();
    }

    /** Second step: the person saw the findings and estimates and asks for approval. */
    public Response changeConfirmed(ViewSubmissionRequest request, ViewSubmissionContext context) {
        JsonNode pending = readTree(request.getPayload().getView().getPrivateMetadata());
        String user = request.getPayload().getUser().getId();
        work.later("data change", () -> asMember(user, pending.path("channel").asText(), as -> {
            List<String> statements = new ArrayList<>();
            pending.path("statements").forEach(s -> statements.add(s.asText()));
            Backend.Answer answer = as.post("/api/v1/datastores/" + pending.path("datastoreId").asLong()
                    + "/data-changes", Map.of("statements", statements, "reason", pending.path("reason").asText()));
            return answer.ok() ? "Data change #" + answer.body().path("id").asText() + " is "
                    + answer.body().path("state").asText() + " (" + answer.body().path("estimatedRows").asLong()
                    + " rows estimated). The approvers were asked; I will DM you the decision."
                    : "The data change was not submitted: " + answer.problem();
        }));
        return context.ack();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    interface AsMember {
        String run(Backend.Caller as);
    }

    /** Runs as the Slack user's member and tells them the outcome; unknown people get told why, nothing runs. */
    private void asMember(String user, String channel, AsMember action) {
        people.actingAs(user, channel).ifPresent(as -> slack.ephemeral(channel, user, action.run(as)));
    }

    private static String text(Map<String, Map<String, ViewState.Value>> values, String block) {
        String value = values.get(block).get(block).getValue();
        return value == null ? "" : value.strip();
    }

    private Response errors(Map<String, String> errors) {
        ObjectNode body = json.createObjectNode().put("response_action", "errors");
        ObjectNode fields = body.putObject("errors");
        errors.forEach(fields::put);
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(body.toString()).build();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
