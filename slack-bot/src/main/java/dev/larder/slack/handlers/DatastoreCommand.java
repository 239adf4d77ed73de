package dev.larder.slack.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.larder.slack.backend.Backend;
import dev.larder.slack.backend.Datastores;
import dev.larder.slack.bolt.Work;
import dev.larder.slack.slackapi.People;
import dev.larder.slack.slackapi.SlackApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /datastore …}: help, list, show, access, change, approvals, subscribe. Answers at once (help and usage
 * lines in the ack itself); everything that needs the backend runs after the ack, as the Slack user's member.
 */
@ApplicationScoped
public class DatastoreCommand implements SlashCommandHandler {

    static final String HELP = String.join("\n",
            "*/datastore* — Larder in Slack",
            "• `/datastore list [team]` — datastores (of a team)",
            "• `/datastore show <datastore>` — one datastore",
            "• `/datastore access <datastore> [read|write] [duration] [reason…]` — ask for time-boxed access"
                    + " (a form opens when something is missing)",
            "• `/datastore change <datastore>` — ask for a data change (statements and reason in a form)",
            "• `/datastore approvals` — what waits for your decision",
            "• `/datastore subscribe <datastore> #channel` — send its notices to a channel",
            "A datastore is its id, `service/name` or `name`, optionally with `@dev|@staging|@prod`.");

    static final Map<String, String> USAGE = Map.of(
            "list", "Usage: `/datastore list [team]`",
            "show", "Usage: `/datastore show <datastore>`",
            "access", "Usage: `/datastore access <datastore> [read|write] [duration] [reason…]`, e.g."
                    + " `/datastore access shop/orders read 2h checking INC-42`",
            "change", "Usage: `/datastore change <datastore>`",
            "approvals", "Usage: `/datastore approvals`",
            "subscribe", "Usage: `/datastore subscribe <datastore> #channel`");

    /** A channel as Slack escapes it in command text: {@code <#C0123ABC|name>} (or a bare id). */
    static final Pattern CHANNEL = Pattern.compile("<#([CG][A-Z0-9]{2,30})(?:\\|[^>]*)?>|([CG][A-Z0-9]{2,30})");
    static final Pattern TEAM = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    @Inject
    Work work;

    @Inject
    People people;

    @Inject
    SlackApi slack;

    @Inject
    RequestForms forms;

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        List<String> words = Arrays.stream(payload.getText() == null ? new String[0]
                : payload.getText().strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        String verb = words.isEmpty() ? "help" : words.get(0).toLowerCase();
        List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
        if (verb.equals("help")) {
            return context.ack(HELP);
        }
        String usage = USAGE.get(verb);
        if (usage == null) {
            return context.ack("I do not know `" + verb + "`.\n" + HELP);
        }
        boolean argsFit = switch (verb) {
            case "list" -> args.size() <= 1 && (args.isEmpty() || TEAM.matcher(args.get(0)).matches());
            case "show", "change" -> args.size() == 1;
            case "access" -> !args.isEmpty();
            case "approvals" -> args.isEmpty();
            case "subscribe" -> args.size() == 2 && CHANNEL.matcher(args.get(1)).matches();
            default -> false;
        };
        if (!argsFit) {
            return context.ack(usage);
        }
        String user = payload.getUserId();
        String channel = payload.getChannelId();
        String trigger = payload.getTriggerId();
        work.later("/datastore " + verb, () -> {
            Optional<Backend.Caller> member = people.actingAs(user, channel);
            if (member.isEmpty()) {
                return;
            }
            Backend.Caller as = member.get();
            String answer = switch (verb) {
                case "list" -> list(as, args.isEmpty() ? null : args.get(0));
                case "show" -> show(as, args.get(0));
                case "access" -> forms.access(as, args, channel, trigger);
                case "change" -> forms.change(as, args.get(0), channel, trigger);
                case "approvals" -> approvals(as);
                default -> subscribe(as, args.get(0), args.get(1));
            };
            if (answer != null) {
                slack.ephemeral(channel, user, answer);
            }
        });
        return context.ack();
    }

    private String list(Backend.Caller as, String team) {
        Backend.Answer answer = as.get("/api/v1/datastores?size=50" + (team == null ? "" : "&team=" + team));
        if (!answer.ok()) {
            return answer.problem();
        }
        StringBuilder text = new StringBuilder(team == null ? "*Datastores*" : "*Datastores of " + team + "*");
        for (JsonNode datastore : answer.body().path("items")) {
            text.append("\n• `").append(datastore.path("id").asText()).append("` ")
                    .append(Datastores.label(datastore)).append(" — ").append(datastore.path("kind").asText())
                    .append(", ").append(datastore.path("state").asText());
        }
        if (answer.body().path("items").isEmpty()) {
            text.append("\nNone.");
        } else if (answer.body().path("total").asLong() > answer.body().path("items").size()) {
            text.append("\n…and ").append(answer.body().path("total").asLong() - answer.body().path("items").size())
                    .append(" more.");
        }
        return text.toString();
    }

    private String show(Backend.Caller as, String ref) {
        Datastores.Found found = Datastores.find(as, ref);
        if (found.datastore() == null) {
            return found.problem();
        }
        JsonNode d = found.datastore();
        StringBuilder clusters = new StringBuilder();
        d.path("clusters").forEach(c -> clusters.append(clusters.isEmpty() ? "" : ", ").append(c.path("cluster")
                .asText()));
        return "*" + Datastores.label(d) + "* (`" + d.path("id").asText() + "`)\nKind: " + d.path("kind").asText()
                + " · State: " + d.path("state").asText() + " · Team: " + d.path("team").asText()
                + "\nSchema/login: `" + d.path("physicalName").asText() + "` · Clusters: " + clusters;
    }

    private String approvals(Backend.Caller as) {
        Backend.Answer answer = as.get("/api/v1/approvals?waitingForMe=true&size=20");
        if (!answer.ok()) {
            return answer.problem();
        }
        if (answer.body().path("items").isEmpty()) {
            return "Nothing waits for your decision.";
        }
        StringBuilder text = new StringBuilder("*Waiting for your decision*");
        for (JsonNode approval : answer.body().path("items")) {
            text.append("\n• #").append(approval.path("id").asText()).append(" ")
                    .append(approval.path("subjectType").asText()).append(" in ")
                    .append(approval.path("environment").asText()).append(" by ")
                    .append(approval.path("requestedBy").asText()).append(" — ")
                    .append(approval.path("approvalsSoFar").asInt()).append(" of ")
                    .append(approval.path("approvalsRequired").asInt()).append(" approvals, expires ")
                    .append(approval.path("expiresAt").asText());
        }
        return text.toString();
    }

    private String subscribe(Backend.Caller as, String ref, String channelArg) {
        Matcher channel = CHANNEL.matcher(channelArg);
        channel.matches();
        String channelId = channel.group(1) != null ? channel.group(1) : channel.group(2);
        Datastores.Found found = Datastores.find(as, ref);
        if (found.datastore() == null) {
            return found.problem();
        }
        Backend.Answer answer = as.post("/api/v1/slack/subscriptions",
                Map.of("datastoreId", found.datastore().path("id").asLong(), "channel", channelId));
        return answer.ok() ? "<#" + channelId + "> now hears the notices of " + Datastores.label(found.datastore())
                + " (migrations, data changes, access)." : answer.problem();
    }
}
