package dev.larder.slack.slackapi;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import dev.larder.slack.config.BotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Slack's Web API as the bot uses it: post, update, DM, open modals, look people up. */
@ApplicationScoped
public class SlackApi {

    private static final Logger LOG = Logger.getLogger(SlackApi.class);

    private final Slack slack;
    private final MethodsClient methods;

    public SlackApi(BotConfig config) {
        SlackConfig slackConfig = new SlackConfig();
        String url = config.slack().apiUrl();
        slackConfig.setMethodsEndpointUrlPrefix(url.endsWith("/") ? url : url + "/");
        slackConfig.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(slackConfig);
        this.methods = slack.methods(config.slack().botToken());
    }

    /** For Bolt's App, so it calls the same Web API (auth.test). */
    public Slack slack() {
        return slack;
    }

    /** A message posted: its channel id and ts. */
    public record Posted(String channel, String ts) {
    }

    public Posted post(String channel, String text, String blocks, String threadTs) {
        ChatPostMessageResponse response = call("chat.postMessage", () -> methods.chatPostMessage(r -> r
                .channel(channel).text(text).blocksAsString(blocks).threadTs(threadTs).unfurlLinks(false)));
        return new Posted(response.getChannel(), response.getTs());
    }

    public void update(String channel, String ts, String text, String blocks) {
        call("chat.update", () -> methods.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocksAsString(blocks)));
    }

    /** Only {@code user} sees it; in a DM with the bot, a plain message does the same. */
    public void ephemeral(String channel, String user, String text) {
        if (channel != null && channel.startsWith("D")) {
            post(channel, text, null, null);
            return;
        }
        call("chat.postEphemeral", () -> methods.chatPostEphemeral(r -> r.channel(channel).user(user).text(text)));
    }

    /** A direct message to a Slack user. */
    public void dm(String user, String text, String blocks) {
        String channel = call("conversations.open", () -> methods.conversationsOpen(r -> r.users(List.of(user))))
                .getChannel().getId();
        post(channel, text, blocks, null);
    }

    public void openView(String triggerId, String view) {
        call("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId).viewAsString(view)));
    }

    /** The email on a Slack user's profile (needs users:read.email). */
    public Optional<String> email(String user) {
        UsersInfoResponse response = call("users.info", () -> methods.usersInfo(r -> r.user(user)), true);
        return Optional.ofNullable(response).filter(UsersInfoResponse::isOk).map(UsersInfoResponse::getUser)
                .map(u -> u.getProfile() == null ? null : u.getProfile().getEmail()).filter(e -> !e.isBlank());
    }

    /** The Slack user with this email, if the workspace has one. */
    public Optional<String> userByEmail(String email) {
        UsersLookupByEmailResponse response = call("users.lookupByEmail",
                () -> methods.usersLookupByEmail(r -> r.email(email)), true);
        return Optional.ofNullable(response).filter(UsersLookupByEmailResponse::isOk)
                .map(r -> r.getUser().getId());
    }

    interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends com.slack.api.methods.SlackApiTextResponse> T call(String method, Call<T> call) {
        return call(method, call, false);
    }

    private <T extends com.slack.api.methods.SlackApiTextResponse> T call(String method, Call<T> call,
            boolean errorIsAnswer) {
        try {
            T response = call.run();
            if (!response.isOk() && !errorIsAnswer) {
                throw new IllegalStateException("Slack " + method + " failed: " + response.getError());
            }
            if (!response.isOk()) {
                LOG.debugf("Slack %s: %s", method, response.getError());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("Slack " + method + " did not answer: " + e.getMessage(), e);
        } catch (SlackApiException e) {
            throw new IllegalStateException("Slack " + method + " failed: " + e.getMessage(), e);
        }
    }
}
