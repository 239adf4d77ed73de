package dev.larder.backend.access;

import static dev.larder.backend.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.Browser;
import dev.larder.backend.testing.EventTap;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one-time reveal link as the holder meets it: a page in a real (headless) Chromium. */
@QuarkusTest
@ExtendWith(Browser.PerTest.class)
class RevealPageTest extends LarderTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theLinkRevealsTheCredentialOnceAfterAClickAndPreviewsUseNothing(Browser browser) throws Exception {
        String team = Api.team("reveal");
        String holder = Api.RUN + ".reveal-holder@example.com";
        String approver = Api.RUN + ".reveal-approver@example.com";
        Api.member(holder, team);
        Api.member(approver, team);
        long datastore = Api.datastore(Api.service(team, "reveal"), "main");
        JsonNode granted;
        long grantId;
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            grantId = Api.as(holder).body(Map.of("level", "read", "duration", "PT1H", "reason",
                    "Checking a customer's order history (CS-12)")).post("/api/v1/datastores/" + datastore
                    + "/access-requests").then().statusCode(201).extract().jsonPath().getLong("id");
            long approval = admin().get("/api/v1/access-grants/" + grantId).jsonPath().getLong("approvalId");
            Api.as(approver).body(Map.of("reason", "ok")).post("/api/v1/approvals/" + approval + "/approve").then()
                    .statusCode(200);
            long id = grantId;
            granted = events.await(e -> "dev.larder.access.granted.v1".equals(e.path("type").asText())
                    && e.at("/data/grantId").asLong() == id, Duration.ofSeconds(30));
        }
        assertThat(granted).as("AccessGranted with the link").isNotNull();
        String revealUrl = granted.at("/data/revealUrl").asText();
        String link = "http://localhost:" + RestAssured.port + revealUrl.substring(revealUrl.indexOf("/access/"));

        // A chat client unfurling the link fetches it: that must not use it up.
        given().get(link).then().statusCode(200);

        browser.go(link);
        assertThat(browser.text()).contains("Your read access is ready").contains("shown once")
                .doesNotContain("Password");
        browser.screenshot("reveal-before-click");
        browser.clickButton("Reveal credentials");
        String login = browser.text("#login");
        String password = SeenSecrets.remember(browser.text("#password"));
        String database = browser.text("#database");
        browser.screenshot("reveal-after-click");
        assertThat(login).endsWith("_" + grantId);
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        try (Connection connection = Api.login(new Credentials(login, password, database, "127.0.0.1",
                mysqlPort))) {
            assertThat(connection.isValid(2)).as("the revealed credential logs in").isTrue();
        }

        browser.back();
        browser.go(link);
        assertThat(browser.text()).contains("Already revealed").doesNotContain(password);
        given().post(link).then().statusCode(410);
        Api.as(holder).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(410);
        given().get("http://localhost:" + RestAssured.port + "/access/reveal/not-a-real-token").then()
                .statusCode(404);
    }
}
