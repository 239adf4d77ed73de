package dev.larder.slack;

import static dev.larder.slack.testing.SlackClient.contains;
import static dev.larder.slack.testing.SlackClient.has;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.testing.BotTest;
import dev.larder.slack.testing.LarderStack;
import dev.larder.slack.testing.SlackClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole access conversation against the real backend: request in Slack → approval message with buttons in the
 * team's channel → the requester's own click changes nothing → another member approves → the message updates in
 * place, the decision goes in the thread → the requester gets a DM with the one-time reveal link → the login works.
 * A second click changes nothing; the password never reaches Slack.
 */
@QuarkusTest
class AccessConversationTest extends BotTest {

    static final String APPROVALS = "CACCAPPROVALS";

    @Test
    void accessIsRequestedApprovedByAnotherMemberAndTheRevealedLoginWorks() throws Exception {
        String team = larder.team("acc", APPROVALS);
        String rita = LarderStack.RUN + ".acc-rita@example.com";
        String abe = LarderStack.RUN + ".acc-abe@example.com";
        larder.member(rita, team);
        larder.member(abe, team);
        slack.addUser("UACCRITA", rita);
        slack.addUser("UACCABE", abe);
        String service = larder.service(team, "acc");
        long datastore = larder.datastore(service, "orders", "dev");
        larder.sql(datastore, "CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20))",
                "INSERT INTO orders VALUES (1, 'new')");

        var ack = slack.command("UACCRITA", "CACCOPS", "access " + service + "/orders read 2h checking INC-42 sync");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.time()).as("Slack is answered within 3 seconds; the work follows").isLessThan(3000);
        JsonNode requested = slack.await("chat.postEphemeral", has("user", "UACCRITA"));
        assertThat(requested.path("text").asText()).contains("Access request #").contains("PENDING");

        JsonNode message = slack.await("chat.postMessage", has("channel", APPROVALS));
        assertThat(message.path("blocks").asText()).contains("Access request").contains(service + "/orders@dev")
                .contains(rita).contains("read access for PT2H").contains("checking INC-42 sync")
                .contains(Ids.APPROVE).contains(Ids.REJECT).doesNotContain("\"confirm\"");
        long approvalId = approvalIdOf(message);
        String ts = awaitMessageTs(approvalId);

        slack.click("UACCRITA", APPROVALS, Ids.APPROVE, String.valueOf(approvalId)).then().statusCode(200);
        assertThat(slack.await("chat.postEphemeral", p -> p.path("user").asText().equals("UACCRITA")
                && p.path("channel").asText().equals(APPROVALS)).path("text").asText())
                .contains("cannot approve it yourself");
        assertThat(larder.get("/api/v1/approvals/" + approvalId).getInt("approvalsSoFar")).isZero();

        slack.click("UACCABE", APPROVALS, Ids.APPROVE, String.valueOf(approvalId)).then().statusCode(200);
        JsonNode updated = slack.await("chat.update", p -> p.path("ts").asText().equals(ts)
                && p.path("text").asText().contains("APPROVED"));
        assertThat(updated.path("blocks").asText()).contains(abe).doesNotContain(Ids.APPROVE);
        assertThat(slack.await("chat.postMessage", has("thread_ts", ts)).path("text").asText()).contains(abe)
                .contains("approved");

        JsonNode dm = slack.await("chat.postMessage", p -> p.path("channel").asText().equals("DUACCRITA")
                && p.path("blocks").asText().contains("/access/reveal/"));
        Matcher link = Pattern.compile("<(http[^|>]+/access/reveal/[^|>]+)\\|").matcher(dm.path("blocks").asText());
        assertThat(link.find()).isTrue();
        String page = RestAssured.given().post(link.group(1)).then().statusCode(200).extract().asString();
        String login = field(page, "login");
        String password = field(page, "password");
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + field(page,
                "database"), login, password); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT status FROM orders WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("new");
        }
        assertThat(slack.calls()).as("the credential never reaches Slack")
                .noneMatch(call -> call.toString().contains(password));

        int ephemeralsBefore = slack.calls("chat.postEphemeral", has("user", "UACCABE")).size();
        slack.click("UACCABE", APPROVALS, Ids.APPROVE, String.valueOf(approvalId)).then().statusCode(200);
        SlackClient.sleep(300);
        JsonNode second = slack.await("chat.postEphemeral", p -> p.path("user").asText().equals("UACCABE")
                && slack.calls("chat.postEphemeral", has("user", "UACCABE")).size() > ephemeralsBefore);
        assertThat(second.path("text").asText()).contains("already counted").contains("nothing changed");
        assertThat(larder.get("/api/v1/approvals/" + approvalId).getList("approvals")).hasSize(1);
        assertThat(slack.calls("chat.postMessage", contains("thread_ts", ts))).hasSize(1);
    }

    private long approvalIdOf(JsonNode message) {
        Matcher value = Pattern.compile("\"action_id\":\"" + Ids.APPROVE + "\",\"value\":\"([0-9]+)\"")
                .matcher(message.path("blocks").asText());
        assertThat(value.find()).as("an Approve button carrying the approval id").isTrue();
        return Long.parseLong(value.group(1));
    }

    /** Where the bot posted the request: it keeps channel and ts in the backend. */
    private String awaitMessageTs(long approvalId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (larder.admin().get("/api/v1/slack/approval-messages/" + approvalId).statusCode() != 200) {
            assertThat(System.currentTimeMillis()).as("the message was recorded").isLessThan(deadline);
            SlackClient.sleep(100);
        }
        var ref = larder.get("/api/v1/slack/approval-messages/" + approvalId);
        assertThat(ref.getString("channel")).isEqualTo(APPROVALS);
        return ref.getString("ts");
    }

    private static String field(String html, String id) {
        Matcher match = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(html);
        assertThat(match.find()).as(id + " on the reveal page").isTrue();
        return match.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
    }
}
