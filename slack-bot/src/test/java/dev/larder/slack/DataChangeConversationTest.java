package dev.larder.slack;

import static dev.larder.slack.testing.SlackClient.has;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.testing.BotTest;
import dev.larder.slack.testing.LarderStack;
import dev.larder.slack.testing.SlackClient;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A production data change from Slack against the real backend: the modal, the findings and row estimates before
 * submitting, the approval message with confirm dialogs, two approvals each confirmed on the step-up page with the
 * approver's own identity (a click alone decides nothing in prod), the requester's Execute button, and the executed
 * notice with the affected rows in the subscribed channel and in the updated message.
 */
@QuarkusTest
class DataChangeConversationTest extends BotTest {

    static final String APPROVALS = "CDCAPPROVALS";
    static final String NEWS = "CDCNEWS";

    @Test
    void aProdChangeNeedsTwoStepUpApprovalsAndIsExecutedWithItsAffectedRows() throws Exception {
        String team = larder.team("dc", APPROVALS);
        String rita = LarderStack.RUN + ".dc-rita@example.com";
        String abe = LarderStack.RUN + ".dc-abe@example.com";
        String cid = LarderStack.RUN + ".dc-cid@example.com";
        String olga = LarderStack.RUN + ".dc-olga@example.com";
        larder.member(rita, team);
        larder.member(abe, team);
        larder.member(cid, team);
        larder.member(olga, larder.team("dc-other", "CDCOTHER"));
        slack.addUser("UDCRITA", rita);
        slack.addUser("UDCABE", abe);
        slack.addUser("UDCCID", cid);
        slack.addUser("UDCOLGA", olga);
        String service = larder.service(team, "dc");
        long datastore = larder.datastore(service, "orders", "prod");
        larder.sql(datastore, "CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20))",
                "INSERT INTO orders VALUES (1, 'new'), (2, 'new'), (3, 'new'), (4, 'new'), (5, 'new')");
        String ref = service + "/orders@prod";

        slack.command("UDCRITA", "CDCOPS", "subscribe " + ref + " <#" + NEWS + "|news>").then().statusCode(200);
        slack.await("chat.postEphemeral", p -> p.path("text").asText().contains("<#" + NEWS + "> now hears"));

        slack.command("UDCRITA", "CDCOPS", "change " + ref).then().statusCode(200);
        JsonNode opened = SlackClient.json(slack.await("views.open", p -> p.path("view").asText()
                .contains(Ids.CHANGE_MODAL)).path("view").asText());
        JsonNode checked = slack.submit("UDCRITA", Ids.CHANGE_MODAL, opened.path("private_metadata").asText(),
                SlackClient.textValues(Ids.STATEMENTS, "UPDATE orders SET status = 'paid' WHERE id <= 3;",
                        Ids.REASON, "customer paid offline (INC-7)"))
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(checked.path("response_action").asText()).isEqualTo("update");
        assertThat(checked.path("view").path("callback_id").asText()).isEqualTo(Ids.CHANGE_CONFIRM);
        assertThat(checked.path("view").toString()).contains("3 rows").contains("UPDATE orders")
                .contains("Findings");
        assertThat(larder.get("/api/v1/datastores/" + datastore + "/data-changes").getList("items"))
                .as("checking records nothing").isEmpty();

        slack.submit("UDCRITA", Ids.CHANGE_CONFIRM, checked.path("view").path("private_metadata").asText(),
                SlackClient.textValues()).then().statusCode(200);
        assertThat(slack.await("chat.postEphemeral", p -> p.path("text").asText().contains("Data change #"))
                .path("text").asText()).contains("PENDING_APPROVAL").contains("3 rows estimated");

        JsonNode message = slack.await("chat.postMessage", has("channel", APPROVALS));
        assertThat(message.path("blocks").asText()).contains("Data change").contains(ref).contains("UPDATE orders")
                .contains("3 rows").contains("customer paid offline").contains("\"confirm\"")
                .contains("Approve in prod?");
        long approvalId = Long.parseLong(match("\"action_id\":\"" + Ids.APPROVE + "\",\"value\":\"([0-9]+)\"",
                message.path("blocks").asText()));

        slack.click("UDCOLGA", APPROVALS, Ids.APPROVE, String.valueOf(approvalId));
        assertThat(slack.await("chat.postEphemeral", has("user", "UDCOLGA")).path("text").asText())
                .contains("Nothing changed").contains("Only");

        confirmOnStepUpPage("UDCABE", abe, approvalId, "1 of 2");
        slack.await("chat.update", p -> p.path("text").asText().contains("PENDING")
                && p.path("blocks").asText().contains("1 of 2"));
        slack.await("chat.postMessage", p -> !p.path("thread_ts").asText().isEmpty()
                && p.path("text").asText().contains(abe));

        confirmOnStepUpPage("UDCCID", cid, approvalId, "APPROVED");
        slack.await("chat.update", p -> p.path("text").asText().contains("APPROVED"));

        JsonNode dm = slack.await("chat.postMessage", p -> p.path("channel").asText().equals("DUDCRITA")
                && p.path("blocks").asText().contains(Ids.EXECUTE));
        String execute = match("\"action_id\":\"" + Ids.EXECUTE + "\",\"value\":\"([0-9:]+)\"",
                dm.path("blocks").asText());
        slack.click("UDCRITA", "DUDCRITA", Ids.EXECUTE, execute).then().statusCode(200);

        JsonNode notice = slack.await("chat.postMessage", p -> p.path("channel").asText().equals(NEWS)
                && p.path("text").asText().contains("executed"));
        assertThat(notice.path("text").asText()).contains("3 rows affected").contains(ref);
        slack.await("chat.update", p -> p.path("blocks").asText().contains("EXECUTED")
                && p.path("blocks").asText().contains("3 rows affected"));
        JsonNode credentials = larder.admin().post("/api/v1/datastores/" + datastore + "/credentials/reveal").then()
                .extract().as(JsonNode.class);
        try (Connection login = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/"
                + credentials.path("database").asText(), credentials.path("username").asText(),
                credentials.path("password").asText()); Statement sql = login.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM orders WHERE status = 'paid'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    /** The approver clicks Approve in Slack, gets a step-up link, and confirms on the page signed in as themselves. */
    private void confirmOnStepUpPage(String slackUser, String email, long approvalId, String outcome) {
        slack.click(slackUser, APPROVALS, Ids.APPROVE, String.valueOf(approvalId)).then().statusCode(200);
        String text = slack.await("chat.postEphemeral", has("user", slackUser)).path("text").asText();
        assertThat(text).contains("a click in Slack is not enough");
        String link = match("<(http[^|>]+/approvals/step-up/[^|>]+)\\|", text);
        int before = larder.get("/api/v1/approvals/" + approvalId).getInt("approvalsSoFar");
        assertThat(larder.as(email).get(link).then().statusCode(200).extract().asString()).contains("Confirm");
        assertThat(larder.get("/api/v1/approvals/" + approvalId).getInt("approvalsSoFar"))
                .as("the click and the page view decide nothing").isEqualTo(before);
        assertThat(larder.as(email).post(link).then().statusCode(200).extract().asString()).contains(outcome);
    }

    private static String match(String regex, String text) {
        Matcher match = Pattern.compile(regex).matcher(text);
        assertThat(match.find()).as(regex + " in " + text).isTrue();
        return match.group(1);
    }
}
