package dev.larder.backend.access;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.OpenSearchHttp;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time-boxed personal access to OpenSearch datastores: real internal users of the security plugin. */
@QuarkusTest
class OpenSearchAccessTest extends LarderTest {

    private final OpenSearchHttp node = OpenSearchHttp.node();

    String team;
    String hank;
    String amy;

    private record Login(String user, String password) {
    }

    @BeforeEach
    void people() {
        team = Api.team("osacc");
        hank = Api.RUN + ".osacc-hank@example.com";
        amy = Api.RUN + ".osacc-amy@example.com";
        Api.memberOnce(hank, team);
        Api.memberOnce(amy, team);
    }

    private long datastore(String name) {
        long id = OpenSearchHttp.datastore(Api.service(team, "osacc"), name);
        JsonPath owner = admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200)
                .extract().jsonPath();
        node.index(owner.getString("username"), SeenSecrets.remember(owner.getString("password")), family(id), "1",
                Map.of("status", "new")).expect(201);
        return id;
    }

    private static String family(long id) {
        return admin().get("/api/v1/datastores/" + id).jsonPath().getString("physicalName");
    }

    private Login grant(long datastoreId, String level, String duration) {
        long grantId = Api.as(hank).body(Map.of("level", level, "duration", duration, "reason",
                        "Debugging search relevance (INC-81)"))
                .post("/api/v1/datastores/" + datastoreId + "/access-requests").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        long approvalId = admin().get("/api/v1/access-grants/" + grantId).jsonPath().getLong("approvalId");
        Api.as(amy).body(Map.of("reason", "ok")).post("/api/v1/approvals/" + approvalId + "/approve").then()
                .statusCode(200);
        JsonPath revealed = Api.as(hank).post("/api/v1/access-grants/" + grantId + "/reveal").then().statusCode(200)
                .extract().jsonPath();
        assertThat(revealed.getString("alias")).isEqualTo(family(datastoreId));
        assertThat(revealed.getString("curl")).contains(revealed.getString("login"), "/_search");
        return new Login(revealed.getString("login"), SeenSecrets.remember(revealed.getString("password")));
    }

    @Test
    void aReadGrantSearchesItsFamilyOnlyAndCannotWrite() {
        long id = datastore("readgrant");
        long other = datastore("neighbour");
        Login personal = grant(id, "read", "PT1H");
        assertThat(personal.user()).matches("[a-z]+_[0-9]+");
        assertThat(node.search(personal.user(), personal.password(), family(id)).expect(200).body()
                .at("/hits/total/value").asInt()).isEqualTo(1);
        node.index(personal.user(), personal.password(), family(id), "2", Map.of("status", "x")).expect(403);
        node.as(personal.user(), personal.password(), "DELETE", "/" + family(id) + "/_doc/1", null).expect(403);
        node.search(personal.user(), personal.password(), family(other)).expect(403);
    }

    @Test
    void aWriteGrantChangesDocumentsButNeitherMappingsNorIndices() {
        long id = datastore("writegrant");
        Login personal = grant(id, "write", "PT1H");
        node.index(personal.user(), personal.password(), family(id), "1", Map.of("status", "fixed")).expect(200);
        node.as(personal.user(), personal.password(), "PUT", "/" + family(id) + "/_mapping",
                Map.of("properties", Map.of("extra", Map.of("type", "keyword")))).expect(403);
        node.as(personal.user(), personal.password(), "DELETE", "/" + family(id) + "-v1", null).expect(403);
    }

    @Test
    void aShortGrantStopsWorkingWhenItExpiresAndTheReconcilerKnowsItsLogins() throws Exception {
        long id = datastore("shortgrant");
        Login personal = grant(id, "read", "PT4S");
        node.search(personal.user(), personal.password(), family(id)).expect(200);
        long deadline = System.currentTimeMillis() + 30_000;
        while (node.search(personal.user(), personal.password(), family(id)).status() != 401) {
            assertThat(System.currentTimeMillis()).as("the personal login is removed at expiry").isLessThan(deadline);
            Thread.sleep(250);
        }
        node.asAdmin("GET", "/_plugins/_security/api/internalusers/" + personal.user(), null).expect(404);
        // A personal login no grant accounts for is removed by the reconciler.
        node.asAdmin("PUT", "/_plugins/_security/api/internalusers/" + personal.user().replaceAll("_.*", "_999999"),
                Map.of("password", "Stray-login-password-1", "opendistro_security_roles", List.of())).expect(201);
        admin().post("/api/v1/access-grants/reconcile").then().statusCode(200);
        node.asAdmin("GET", "/_plugins/_security/api/internalusers/" + personal.user().replaceAll("_.*", "_999999"),
                null).expect(404);
    }
}
