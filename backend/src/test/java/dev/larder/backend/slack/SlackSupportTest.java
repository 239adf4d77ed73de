package dev.larder.backend.slack;

import static dev.larder.backend.testing.Api.admin;
import static dev.larder.backend.testing.Api.slackBot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.EventTap;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Slack bot keeps in Larder and what Larder decides for it: team approval channels, the message of each
 * approval request, channel subscriptions, and the chat decision policy (a click counts in dev, prod needs step-up).
 */
@QuarkusTest
class SlackSupportTest extends LarderTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String team;
    String rita;
    String abe;
    String olga;

    @BeforeEach
    void people() {
        team = Api.team("slk");
        rita = Api.RUN + ".slk-rita@example.com";
        abe = Api.RUN + ".slk-abe@example.com";
        olga = Api.RUN + ".slk-olga@example.com";
        Api.memberOnce(rita, team);
        Api.memberOnce(abe, team);
        Api.memberOnce(olga, Api.team("slk-other"));
    }


    long datastore(String environment) {
        String cluster = Api.RUN + "-slk" + environment;
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", environment))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        return admin().body(Map.of("service", Api.service(team, "slk" + environment), "name", "main" + Api
                .randomSuffix(3).replaceAll("[0-9]", "x"), "kind", "mysql", "environment", environment, "cluster",
                cluster)).post("/api/v1/datastores").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    long accessApproval(long datastoreId) {
        long grant = slackBot(rita).body(Map.of("level", "read", "duration", "PT1H", "reason", "debugging INC-9"))
                .post("/api/v1/datastores/" + datastoreId + "/access-requests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return admin().get("/api/v1/access-grants/" + grant).then().extract().jsonPath().getLong("approvalId");
    }

    @Test
    void aTeamMemberSetsTheApprovalChannelAndNobodyElseDoes() {
        slackBot(rita).body(Map.of("approvalChannel", "CSLKAPPROVE")).put("/api/v1/teams/" + team + "/approval-channel")
                .then().statusCode(200).body("approvalChannel", equalTo("CSLKAPPROVE"));
        admin().get("/api/v1/teams/" + team).then().body("approvalChannel", equalTo("CSLKAPPROVE"));
        slackBot(olga).body(Map.of("approvalChannel", "CSTOLEN1")).put("/api/v1/teams/" + team + "/approval-channel")
                .then().statusCode(403);
        slackBot(rita).body(Map.of("approvalChannel", "not a channel!")).put("/api/v1/teams/" + team
                + "/approval-channel").then().statusCode(400).body("violations[0].field", equalTo("approvalChannel"))
                .body("violations[0].rule", equalTo("slack.channel"));
        admin().get("/api/v1/teams/" + team).then().body("approvalChannel", equalTo("CSLKAPPROVE"));
    }

    @Test
    void subscriptionsAreKeptPerDatastoreOnceAndOnlyByItsTeam() {
        long id = datastore("dev");
        slackBot(rita).body(Map.of("datastoreId", id, "channel", "CSLKNEWS1")).post("/api/v1/slack/subscriptions")
                .then().statusCode(200).body("channel", equalTo("CSLKNEWS1")).body("createdBy", equalTo(rita));
        slackBot(abe).body(Map.of("datastoreId", id, "channel", "CSLKNEWS1")).post("/api/v1/slack/subscriptions")
                .then().statusCode(200).body("createdBy", equalTo(rita));
        slackBot(olga).body(Map.of("datastoreId", id, "channel", "COLGA1")).post("/api/v1/slack/subscriptions")
                .then().statusCode(403);
        slackBot(rita).body(Map.of("datastoreId", id, "channel", "#news")).post("/api/v1/slack/subscriptions")
                .then().statusCode(400).body("violations[0].rule", equalTo("slack.channel-id"));
        long subscription = slackBot().get("/api/v1/slack/subscriptions?datastoreId=" + id).then().statusCode(200)
                .body("", hasSize(1)).extract().jsonPath().getLong("[0].id");
        slackBot(olga).delete("/api/v1/slack/subscriptions/" + subscription).then().statusCode(403);
        slackBot(abe).delete("/api/v1/slack/subscriptions/" + subscription).then().statusCode(204);
        slackBot().get("/api/v1/slack/subscriptions?datastoreId=" + id).then().body("", hasSize(0));
    }

    @Test
    void onlyTheBotItselfRecordsWhereAnApprovalWasPosted() {
        long approval = accessApproval(datastore("dev"));
        slackBot().get("/api/v1/slack/approval-messages/" + approval).then().statusCode(404);
        slackBot(abe).body(Map.of("channel", "CSLKAPPROVE", "ts", "1700000000.000100"))
                .put("/api/v1/slack/approval-messages/" + approval).then().statusCode(403);
        slackBot().body(Map.of("channel", "CSLKAPPROVE", "ts", "1700000000.000100"))
                .put("/api/v1/slack/approval-messages/" + approval).then().statusCode(200);
        slackBot().body(Map.of("channel", "CSLKAPPROVE", "ts", "soon")).put("/api/v1/slack/approval-messages/"
                + approval).then().statusCode(400).body("violations[0].field", equalTo("ts"));
        slackBot().get("/api/v1/slack/approval-messages/" + approval).then().statusCode(200)
                .body("channel", equalTo("CSLKAPPROVE")).body("ts", equalTo("1700000000.000100"));
    }

    @Test
    void aClickDecidesInDevAndTheEventNamesThePersonNotTheBot() {
        long datastore = datastore("dev");
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            long approval = accessApproval(datastore);
            slackBot(abe).body(Map.of()).post("/api/v1/approvals/" + approval + "/approve").then().statusCode(200)
                    .body("approval.state", equalTo("APPROVED"));
            JsonNode decided = events.await(e -> "dev.larder.approval.decided.v1".equals(e.path("type").asText())
                    && e.path("data").path("approvalId").asLong() == approval, Duration.ofSeconds(20));
            assertThat(decided.path("data").path("decidedBy").asText()).isEqualTo(abe);
        }
    }

    @Test
    void inProdAClickInChatDoesNotDecideButYieldsAStepUpLinkForThatPersonOnly() {
        admin().get("/api/v1/approvals/chat-policy").then().statusCode(200).body("dev", equalTo("button"))
                .body("staging", equalTo("button")).body("prod", equalTo("step-up"));
        long approval = accessApproval(datastore("prod"));
        slackBot(abe).body(Map.of()).post("/api/v1/approvals/" + approval + "/approve").then().statusCode(403)
                .body("detail", containsString("step-up"));
        admin().get("/api/v1/approvals/" + approval).then().body("approvalsSoFar", equalTo(0));

        slackBot(rita).body(Map.of("decision", "approve")).post("/api/v1/approvals/" + approval + "/step-up").then()
                .statusCode(403).body("detail", containsString("You requested this"));
        slackBot(olga).body(Map.of("decision", "approve")).post("/api/v1/approvals/" + approval + "/step-up").then()
                .statusCode(403);
        slackBot(abe).body(Map.of("decision", "reject")).post("/api/v1/approvals/" + approval + "/step-up").then()
                .statusCode(400).body("violations[0].field", equalTo("reason"));
        slackBot(abe).body(Map.of("decision", "approve")).post("/api/v1/approvals/" + approval + "/step-up").then()
                .statusCode(200).body("url", startsWith("http")).body("url", containsString("/approvals/step-up/"))
                .body("decision", equalTo("approve"));
        slackBot().body(Map.of("decision", "approve")).post("/api/v1/approvals/" + approval + "/step-up").then()
                .statusCode(403);
    }
}
