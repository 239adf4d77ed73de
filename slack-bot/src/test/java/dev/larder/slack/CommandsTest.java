package dev.larder.slack;

import static dev.larder.slack.testing.SlackClient.contains;
import static dev.larder.slack.testing.SlackClient.has;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.slack.testing.BotTest;
import dev.larder.slack.testing.LarderStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /datastore}: help, usage lines for bad arguments, unknown people, list, show, approvals, subscribe. */
@QuarkusTest
class CommandsTest extends BotTest {

    String team;
    String nora;
    String service;

    @BeforeEach
    void people() {
        team = larder.team("cmd", "CCMDAPPROVALS");
        nora = LarderStack.RUN + ".cmd-nora@example.com";
        larder.member(nora, team);
        slack.addUser("UCMDNORA", nora);
        service = larder.service(team, "cmd");
    }

    @Test
    void helpAndBadArgumentsAnswerAtOnceWithUsageNotATrace() {
        assertThat(ack(""))
                .contains("/datastore list").contains("/datastore access").contains("/datastore subscribe");
        assertThat(ack("help")).contains("/datastore change");
        assertThat(ack("show"))
                .contains("Usage: `/datastore show <datastore>`");
        assertThat(ack("subscribe orders news"))
                .contains("Usage: `/datastore subscribe <datastore> #channel`");
        assertThat(ack("list Bad_Team!")).contains("Usage:");
        assertThat(ack("drop everything"))
                .contains("I do not know `drop`").doesNotContain("Exception");
        JsonNode shown = showFor("UCMDNORA", "show ../../etc");
        assertThat(shown.path("text").asText()).contains("is not a datastore").doesNotContain("Exception");
    }

    @Test
    void aSlackUserWhoIsNoMemberIsToldWhyAndNothingIsDone() {
        slack.addUser("UCMDSTRANGER", LarderStack.RUN + ".stranger@example.com");
        slack.command("UCMDSTRANGER", "CCMDOPS", "access " + service + "/main read 1h curious").then()
                .statusCode(200);
        JsonNode told = slack.await("chat.postEphemeral", has("user", "UCMDSTRANGER"));
        assertThat(told.path("text").asText()).contains("I do not know you in Larder");
        assertThat(slack.calls("views.open", p -> true)).noneMatch(p -> p.path("view").asText().contains(service));
    }

    @Test
    void listShowSubscribeAndApprovalsActAsTheMember() {
        long id = larder.datastore(service, "main", "dev");
        assertThat(showFor("UCMDNORA", "list " + team).path("text").asText()).contains(service + "/main@dev")
                .contains("READY");
        assertThat(showFor("UCMDNORA", "show " + service + "/main").path("text").asText())
                .contains(service + "_main").contains("mysql");
        assertThat(showFor("UCMDNORA", "subscribe " + id + " <#CCMDNEWS|news>").path("text").asText())
                .contains("<#CCMDNEWS> now hears");
        assertThat(larder.admin().get("/api/v1/slack/subscriptions?datastoreId=" + id).then().extract().jsonPath()
                .getString("[0].createdBy")).isEqualTo(nora);
        assertThat(showFor("UCMDNORA", "approvals").path("text").asText()).contains("Nothing waits");
    }

    /** The text of the bot's immediate answer (the ack) to a command. */
    private String ack(String text) {
        return slack.command("UCMDNORA", "CCMDOPS", text).then().statusCode(200).extract().jsonPath()
                .getString("text");
    }

    /** Sends a command and answers the ephemeral reply to it. */
    private JsonNode showFor(String user, String text) {
        int before = slack.calls("chat.postEphemeral", has("user", user)).size();
        slack.command(user, "CCMDOPS", text).then().statusCode(200);
        long deadline = System.currentTimeMillis() + 30_000;
        while (slack.calls("chat.postEphemeral", has("user", user)).size() <= before) {
            assertThat(System.currentTimeMillis()).as("an answer to " + text).isLessThan(deadline);
            dev.larder.slack.testing.SlackClient.sleep(100);
        }
        var all = slack.calls("chat.postEphemeral", contains("user", user));
        return all.get(all.size() - 1);
    }
}
