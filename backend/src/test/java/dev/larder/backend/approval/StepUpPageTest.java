package dev.larder.backend.approval;

import static dev.larder.backend.testing.Api.admin;
import static dev.larder.backend.testing.Api.slackBot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Browser;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The step-up page in a real headless Chromium: the approver who clicked in chat confirms there, signed in as
 * themselves. Their company's SSO proxy would put their bearer JWT on every request; the browser does the same here
 * (Chrome DevTools' extra HTTP headers). Nobody else, no service token and no second use gets through.
 */
@QuarkusTest
@ExtendWith(Browser.PerTest.class)
class StepUpPageTest extends LarderTest {

    String team;
    String rita;
    String abe;
    String cid;

    @BeforeEach
    void people() {
        team = Api.team("stp");
        rita = Api.RUN + ".stp-rita@example.com";
        abe = Api.RUN + ".stp-abe@example.com";
        cid = Api.RUN + ".stp-cid@example.com";
        Api.memberOnce(rita, team);
        Api.memberOnce(abe, team);
        Api.memberOnce(cid, team);
    }


    /** A pending prod access request by rita (prod needs two approvals). */
    long prodApproval() {
        String cluster = Api.RUN + "-stpprod";
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "prod"))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        long datastore = admin().body(Map.of("service", Api.service(team, "stp"), "name", "db" + Api.randomSuffix(4)
                .replaceAll("[0-9]", "q"), "kind", "mysql", "environment", "prod", "cluster", cluster))
                .post("/api/v1/datastores").then().statusCode(201).extract().jsonPath().getLong("id");
        long grant = slackBot(rita).body(Map.of("level", "read", "duration", "PT1H", "reason", "prod incident INC-4"))
                .post("/api/v1/datastores/" + datastore + "/access-requests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return admin().get("/api/v1/access-grants/" + grant).then().extract().jsonPath().getLong("approvalId");
    }

    String stepUpLink(long approval, String person, String decision, String reason) {
        Map<String, String> body = reason == null ? Map.of("decision", decision)
                : Map.of("decision", decision, "reason", reason);
        String url = slackBot(person).body(body).post("/api/v1/approvals/" + approval + "/step-up").then()
                .statusCode(200).extract().jsonPath().getString("url");
        return "http://localhost:" + RestAssured.port + url.substring(url.indexOf("/approvals/step-up/"));
    }

    /** Every request of this browser carries the person's own bearer JWT, as an SSO proxy would add it. */
    static Browser signedInAs(Browser browser, String email) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Bearer " + Api.jwt(email))));
        return browser;
    }

    @Test
    void theApproverConfirmsOnThePageAndTheLinkWorksOnce(Browser browser) {
        long approval = prodApproval();
        String link = stepUpLink(approval, abe, "approve", null);
        signedInAs(browser, abe).go(link);
        assertThat(browser.title()).contains("Confirm");
        assertThat(browser.text()).contains("prod incident INC-4").contains("prod").contains(abe)
                .contains("0 of 2 approvals");
        admin().get("/api/v1/approvals/" + approval).then().body("approvalsSoFar", equalTo(0));

        browser.clickButton("Approve");
        assertThat(browser.text("#outcome")).contains("1 of 2");
        admin().get("/api/v1/approvals/" + approval).then().body("approvalsSoFar", equalTo(1))
                .body("approvals[0].approver", equalTo(abe));

        browser.go(link);
        assertThat(browser.text()).contains("Link already used");
        assertThat(RestAssured.given().auth().oauth2(Api.jwt(abe)).post(link).statusCode()).isEqualTo(410);
        admin().get("/api/v1/approvals/" + approval).then().body("approvalsSoFar", equalTo(1));
    }

    @Test
    void nobodyButTheMemberWhoClickedSignedInAsThemselvesCanUseIt(Browser browser) {
        long approval = prodApproval();
        String link = stepUpLink(approval, abe, "reject", "not during the freeze");

        browser.go(link);
        assertThat(browser.text()).contains("Sign-in required");
        assertThat(RestAssured.given().post(link).statusCode()).isEqualTo(401);
        assertThat(RestAssured.given().auth().oauth2(Api.SLACK_BOT_TOKEN).header("X-Larder-On-Behalf-Of", abe).post(link)
                .statusCode()).as("the bot cannot confirm for anyone").isEqualTo(401);
        assertThat(RestAssured.given().auth().oauth2(Api.jwt(cid)).post(link).statusCode()).isEqualTo(403);

        signedInAs(browser, cid).go(link);
        assertThat(browser.text()).contains("This link was made for " + abe);
        admin().get("/api/v1/approvals/" + approval).then().body("state", equalTo("PENDING"))
                .body("approvalsSoFar", equalTo(0));

        assertThat(RestAssured.given().auth().oauth2(Api.jwt(abe)).post(link).statusCode()).isEqualTo(200);
        admin().get("/api/v1/approvals/" + approval).then().body("state", equalTo("REJECTED"))
                .body("approvals[0].reason", equalTo("not during the freeze"));
    }
}
