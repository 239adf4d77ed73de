package dev.larder.backend.migration;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In staging and prod a destructive bundle (DROP TABLE, DROP COLUMN…) is not refused outright: it waits for the
 * environment's approvers, runs once approved, and fails at stage "approval" when rejected.
 */
@QuarkusTest
class MigrationApprovalTest extends LarderTest {

    private String owner;
    private String reviewer;
    private long datastoreId;

    @BeforeEach
    void stagingDatastoreWithATable() throws Exception {
        String team = Api.team("migapprove");
        owner = Api.RUN + ".mig-owner@example.com";
        reviewer = Api.RUN + ".mig-reviewer@example.com";
        Api.memberOnce(owner, team);
        Api.memberOnce(reviewer, team);
        String cluster = Api.RUN + "-migstaging";
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "mysql", "host", mysqlHost, "port", mysqlPort,
                    "adminUser", mysqlAdminUser, "adminPassword", mysqlAdminPassword, "environment", "staging"))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        datastoreId = admin().body(Map.of("service", Api.service(team, "migapp" + Api.randomSuffix(3)), "name", "main", "kind", "mysql",
                "environment", "staging", "cluster", cluster)).post("/api/v1/datastores").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        JsonPath created = Api.awaitMigration(datastoreId, submit("V1__create_orders.sql", MigrationCommandTest.V1));
        assertThat(created.getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anApprovedDropRunsAndTheTableIsGone() throws Exception {
        long migrationId = submit("V2__drop_orders.sql", "DROP TABLE orders;\n");
        JsonPath waiting = Api.awaitMigrationState(datastoreId, migrationId, "AWAITING_APPROVAL");
        assertThat(waiting.getList("findings.ruleId", String.class)).contains("destructive.drop-table");
        long approval = waiting.getLong("approvalId");
        String schema = Api.reveal(datastoreId).database();
        assertThat(MigrationCommandTest.tablesIn(schema)).as("nothing dropped before approval").isEqualTo(2);

        decide(owner, approval, "approve").then().statusCode(403);
        decide(reviewer, approval, "approve").then().statusCode(200);

        JsonPath done = Api.awaitMigration(datastoreId, migrationId);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getList("applied", String.class)).containsExactly("2");
        assertThat(MigrationCommandTest.tablesIn(schema)).as("only Flyway's history is left").isEqualTo(1);
    }

    @Test
    void aRejectedDropFailsAtApprovalAndChangesNothing() throws Exception {
        long migrationId = submit("V2__drop_total.sql", "ALTER TABLE orders DROP COLUMN total;\n");
        long approval = Api.awaitMigrationState(datastoreId, migrationId, "AWAITING_APPROVAL").getLong("approvalId");
        decide(reviewer, approval, "reject").then().statusCode(200);

        JsonPath done = Api.awaitMigration(datastoreId, migrationId);
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("stage")).isEqualTo("approval");
        assertThat(done.getString("failure.serverError")).contains("rejected by " + reviewer);
        assertThat(MigrationCommandTest.tablesIn(Api.reveal(datastoreId).database())).isEqualTo(2);
    }

    private long submit(String name, String content) {
        return Api.as(owner).body(Map.of("files", List.of(Map.of("name", name, "content", content))))
                .post("/api/v1/datastores/" + datastoreId + "/migrations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.Response decide(String person, long approvalId, String decision) {
        return Api.as(person).body(Map.of("reason", "checked with the team")).post("/api/v1/approvals/"
                + approvalId + "/" + decision);
    }
}
