package dev.larder.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.slack.testing.BotTest;
import dev.larder.slack.testing.LarderStack;
import dev.larder.slack.testing.SlackClient;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Only Slack gets through: unsigned, wrongly signed and replayed requests are refused with 401 before anything else
 * — no Slack call, no backend call (the backend's access log is read for the person's email).
 */
@QuarkusTest
class SignatureTest extends BotTest {

    @ConfigProperty(name = "it.backend-log")
    String backendLog;

    @Test
    void unsignedWronglySignedAndReplayedRequestsGet401AndReachNothing() throws IOException {
        String team = larder.team("sig", "CSIGAPPROVALS");
        String mona = LarderStack.RUN + ".sig-mona@example.com";
        larder.member(mona, team);
        slack.addUser("USIGMONA", mona);
        String body = SlackClient.commandBody("USIGMONA", "CSIGOPS", "list");
        String now = String.valueOf(Instant.now().getEpochSecond());
        String sixMinutesAgo = String.valueOf(Instant.now().minusSeconds(360).getEpochSecond());

        assertThat(slack.post("/slack/commands", body, null, null).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(slack.post("/slack/commands", body, now, "v0=" + "0".repeat(64)).statusCode()).as("wrong")
                .isEqualTo(401);
        assertThat(slack.post("/slack/commands", body + "&x=1", now, slack.sign(now, body)).statusCode())
                .as("signature of another body").isEqualTo(401);
        assertThat(slack.post("/slack/commands", body, sixMinutesAgo, slack.sign(sixMinutesAgo, body))
                .statusCode()).as("replayed: signed six minutes ago").isEqualTo(401);
        assertThat(slack.post("/slack/interactions", "payload=%7B%7D", now, "v0=bad").statusCode()).isEqualTo(401);
        assertThat(slack.post("/slack/events", SlackClient.resource("url-verification.json"), null, null)
                .statusCode()).isEqualTo(401);

        SlackClient.sleep(1500);
        assertThat(slack.calls("users.info", SlackClient.has("user", "USIGMONA"))).as("no Slack call").isEmpty();
        assertThat(backendCallsFor(mona)).as("no backend call").isZero();

        // The same request, signed now, does reach both: the checks above could fail.
        assertThat(slack.post("/slack/commands", body, now, slack.sign(now, body)).statusCode()).isEqualTo(200);
        slack.await("chat.postEphemeral", SlackClient.has("user", "USIGMONA"));
        assertThat(backendCallsFor(mona)).isPositive();
    }

    @Test
    void slackVerifiesTheEventsUrlWithASignedChallenge() {
        String body = SlackClient.resource("url-verification.json");
        String now = String.valueOf(Instant.now().getEpochSecond());
        var response = slack.post("/slack/events", body, now, slack.sign(now, body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    private long backendCallsFor(String email) throws IOException {
        try (var lines = Files.lines(Path.of(backendLog))) {
            return lines.filter(line -> line.contains("ACCESS") && line.contains(email)).count();
        }
    }
}
