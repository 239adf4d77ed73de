package dev.larder.slack;

import static dev.larder.slack.testing.SlackClient.has;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.testing.BotTest;
import dev.larder.slack.testing.LarderStack;
import dev.larder.slack.testing.SlackClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access asked for through the modal (arguments missing), rejected with a reason in the thread, and a short grant
 * whose expiring and expired notices reach the holder and the subscribed channel.
 */
@QuarkusTest
class AccessLifecycleTest extends BotTest {

    static final String APPROVALS = "CLIFAPPROVALS";
    static final String NEWS = "CLIFNEWS";

    String rita;
    String abe;
    String ref;

    @BeforeEach
    void setUp() {
        String team = larder.team("lif", APPROVALS);
        rita = LarderStack.RUN + ".lif-rita@example.com";
        abe = LarderStack.RUN + ".lif-abe@example.com";
        larder.member(rita, team);
        larder.member(abe, team);
        slack.addUser("ULIFRITA", rita);
        slack.addUser("ULIFABE", abe);
        String service = larder.service(team, "lif");
        if (larder.admin().get("/api/v1/datastores?service=" + service).then().extract().jsonPath()
                .getList("items").isEmpty()) {
            larder.datastore(service, "orders", "dev");
        }
        ref = service + "/orders";
    }

    @Test
    void aMissingArgumentOpensTheFormAndARejectionCarriesItsReason() {
        long approval = requestThroughTheForm("write", "1h", "bulk fix for INC-9");
        slack.click("ULIFABE", APPROVALS, Ids.REJECT, String.valueOf(approval)).then().statusCode(200);
        JsonNode form = SlackClient.json(slack.await("views.open", p -> p.path("view").asText()
                .contains(Ids.REJECT_MODAL)).path("view").asText());
        slack.submit("ULIFABE", Ids.REJECT_MODAL, form.path("private_metadata").asText(),
                SlackClient.textValues(Ids.REASON, "use the read-only replica instead")).then().statusCode(200);
        slack.await("chat.postMessage", p -> !p.path("thread_ts").asText().isEmpty()
                && p.path("text").asText().contains("rejected: use the read-only replica instead"));
        slack.await("chat.update", p -> p.path("text").asText().contains("REJECTED"));
        slack.await("chat.postMessage", p -> p.path("channel").asText().equals("DULIFRITA")
                && p.path("text").asText().contains("rejected"));
        assertThat(larder.get("/api/v1/approvals/" + approval).getString("state")).isEqualTo("REJECTED");
    }

    @Test
    void theHolderAndTheChannelHearThatAccessEndsAndHasEnded() {
        slack.command("ULIFRITA", "CLIFOPS", "subscribe " + ref + " <#" + NEWS + "|news>").then().statusCode(200);
        slack.await("chat.postEphemeral", p -> p.path("text").asText().contains("<#" + NEWS + "> now hears"));
        long approval = requestThroughTheForm("read", "PT8S", "quick look at INC-10");
        slack.click("ULIFABE", APPROVALS, Ids.APPROVE, String.valueOf(approval)).then().statusCode(200);

        slack.await("chat.postMessage", p -> p.path("channel").asText().equals(NEWS)
                && p.path("text").asText().contains(rita + " got read access"));
        assertThat(slack.calls("chat.postMessage", has("channel", NEWS)))
                .noneMatch(p -> p.toString().contains("/access/reveal/"));
        slack.await("chat.postMessage", p -> p.path("channel").asText().equals("DULIFRITA")
                && p.path("text").asText().contains("ends at"));
        slack.await("chat.postMessage", p -> p.path("channel").asText().equals(NEWS)
                && p.path("text").asText().contains("has expired"));
        slack.await("chat.postMessage", p -> p.path("channel").asText().equals("DULIFRITA")
                && p.path("text").asText().contains("has expired"));
    }

    /** {@code /datastore access <ds>} alone opens the form; submitting it asks for approval. */
    private long requestThroughTheForm(String level, String duration, String reason) {
        int before = slack.calls("views.open", p -> true).size();
        slack.command("ULIFRITA", "CLIFOPS", "access " + ref).then().statusCode(200);
        JsonNode form = SlackClient.json(slack.await("views.open", p -> slack.calls("views.open", q -> true).size()
                > before && p.path("view").asText().contains(Ids.ACCESS_MODAL)).path("view").asText());
        ObjectNode values = SlackClient.textValues(Ids.DURATION, duration, Ids.REASON, reason);
        values.putObject(Ids.LEVEL).putObject(Ids.LEVEL).put("type", "static_select").putObject("selected_option")
                .put("value", level).putObject("text").put("type", "plain_text").put("text", level);
        slack.submit("ULIFRITA", Ids.ACCESS_MODAL, form.path("private_metadata").asText(), values).then()
                .statusCode(200);
        String told = slack.await("chat.postEphemeral", p -> p.path("user").asText().equals("ULIFRITA")
                && p.path("text").asText().contains("Access request #")
                && p.path("text").asText().contains(level + " for")).path("text").asText();
        Matcher grant = Pattern.compile("Access request #([0-9]+)").matcher(told);
        assertThat(grant.find()).isTrue();
        long approvalId = larder.get("/api/v1/access-grants/" + grant.group(1)).getLong("approvalId");
        slack.await("chat.postMessage", p -> p.path("channel").asText().equals(APPROVALS)
                && p.path("blocks").asText().contains("\"value\":\"" + approvalId + "\""));
        return approvalId;
    }
}
