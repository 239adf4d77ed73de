package dev.larder.backend.audit;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.ControlPlane;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest extends LarderTest {

    @Test
    void everyWriteAndRevealIsAuditedWithoutSecrets() {
        String owners = Api.team("audit");
        String service = Api.service(owners, "audit");
        String owner = Api.RUN + ".auditor@example.com";
        Api.member(owner, owners);
        long id = Api.as(owner).body(Map.of("service", service, "name", "main", "kind", "mysql",
                "environment", "dev", "cluster", Api.CLUSTER)).header("X-Correlation-Id", Api.RUN + "-corr")
                .post("/api/v1/datastores").then().statusCode(201).extract().jsonPath().getLong("id");
        String password = Api.as(owner).post("/api/v1/datastores/" + id + "/credentials/reveal").then()
                .statusCode(200).extract().jsonPath().getString("password");
        dev.larder.backend.testing.SeenSecrets.remember(password);

        JsonPath trail = admin().queryParam("targetType", "datastore").queryParam("targetId", id)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        List<String> actions = trail.getList("items.action");
        assertThat(actions).containsExactly("datastore.credentials-revealed", "datastore.provisioned",
                "datastore.requested");
        assertThat(trail.getList("items.actor", String.class)).allMatch(owner::equals);
        assertThat(trail.getString("items[2].correlationId")).isEqualTo(Api.RUN + "-corr");
        assertThat(trail.getString("items[2].channel")).isEqualTo("api");
        assertThat(trail.prettify()).doesNotContain(password);

        admin().queryParam("actor", owner).queryParam("action", "datastore.credentials-revealed")
                .get("/api/v1/audit").then().body("total", equalTo(1));
    }

    @Test
    void tamperingWithOneEventIsFoundAndNamed() throws Exception {
        Api.service(Api.team("tamper"), "tamper");
        admin().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        long victimId = admin().queryParam("action", "service.created").queryParam("size", 1)
                .get("/api/v1/audit").jsonPath().getLong("items[0].id");
        String original;
        try (Connection root = MariaDbTestResource.root()) {
            try (PreparedStatement read = root.prepareStatement(
                    "SELECT details FROM " + ControlPlane.table("audit_events") + " WHERE id = ?")) {
                read.setLong(1, victimId);
                try (ResultSet rows = read.executeQuery()) {
                    rows.next();
                    original = rows.getString(1);
                }
            }
            try {
                update(root, victimId, "{\"team\":\"someone-else\"}");
                admin().get("/api/v1/audit/verify").then().statusCode(200)
                        .body("intact", equalTo(false))
                        .body("firstBroken.id", equalTo((int) victimId))
                        .body("firstBroken.action", equalTo("service.created"));
            } finally {
                update(root, victimId, original);
            }
        }
        admin().get("/api/v1/audit/verify").then().body("intact", equalTo(true));
    }

    private static void update(Connection root, long id, String details) throws Exception {
        try (PreparedStatement write = root.prepareStatement(
                "UPDATE " + ControlPlane.table("audit_events") + " SET details = ? WHERE id = ?")) {
            write.setString(1, details);
            write.setLong(2, id);
            assertThat(write.executeUpdate()).isEqualTo(1);
        }
    }
}
