package dev.larder.backend.datastore;

import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.OpenSearchHttp;
import dev.larder.backend.testing.SeenSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenSearch datastores against a real OpenSearch 2.19.1 node with the security plugin (OpenSearchTestResource):
 * every refusal below is the plugin's, for the user Larder created.
 */
@QuarkusTest
class OpenSearchDatastoreTest extends LarderTest {

    private final OpenSearchHttp node = OpenSearchHttp.node();

    record Login(String user, String password) {
    }

    static Login reveal(long id) {
        JsonPath json = admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200)
                .extract().jsonPath();
        return new Login(json.getString("username"), SeenSecrets.remember(json.getString("password")));
    }

    static String family(long id) {
        return admin().get("/api/v1/datastores/" + id).jsonPath().getString("physicalName");
    }

    @Test
    void aDatastoreIsAnAliasOverAVersionedIndexThatItsLoginUses() {
        String service = Api.service(Api.team("os"), "os");
        long id = OpenSearchHttp.datastore(service, "orders");
        String family = family(id);
        assertThat(family).isEqualTo(service + "-orders");
        node.asAdmin("GET", "/_alias/" + family, null).expect(200);
        assertThat(node.asAdmin("GET", "/_alias/" + family, null).body().fieldNames()).toIterable()
                .containsExactly(family + "-v1");

        Login login = reveal(id);
        assertThat(login.user()).isEqualTo(family);
        JsonPath fields = admin().post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200)
                .extract().jsonPath();
        assertThat(fields.getString("url")).isEqualTo("https://" + OpenSearchHttp.host() + ":" + OpenSearchHttp.port());
        assertThat(fields.getString("alias")).isEqualTo(family);
        assertThat(fields.getString("indexPattern")).isEqualTo(family + "," + family + "-*");
        assertThat(fields.getString("curl")).contains("-u '" + family + ":", "/" + family + "/_search");
        node.index(login.user(), login.password(), family, "1", Map.of("title", "blue kettle")).expect(201);
        OpenSearchHttp.Reply found = node.as(login.user(), login.password(), "POST", "/" + family + "/_search",
                Map.of("query", Map.of("match", Map.of("title", "kettle")))).expect(200);
        assertThat(found.body().at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(found.body().at("/hits/hits/0/_index").asText()).isEqualTo(family + "-v1");
        // Its own family is its to shape: another index and alias inside the prefix.
        node.as(login.user(), login.password(), "PUT", "/" + family + "-scratch",
                Map.of("settings", Map.of("number_of_replicas", 0))).expect(200);
    }

    @Test
    void aLoginReachesNothingOutsideItsFamilyAndNoClusterAdministration() {
        String service = Api.service(Api.team("osiso"), "osiso");
        long mine = OpenSearchHttp.datastore(service, "orders");
        // Same service, a name that starts like mine: "orders*" would match it, the role's patterns do not.
        long neighbour = OpenSearchHttp.datastore(service, "orders_archive");
        long otherService = OpenSearchHttp.datastore(Api.service(Api.team("osiso2"), "osiso2"), "orders");
        Login me = reveal(mine);
        Login them = reveal(neighbour);
        node.index(them.user(), them.password(), family(neighbour), "1", Map.of("secret", "theirs")).expect(201);

        for (long other : List.of(neighbour, otherService)) {
            String theirs = family(other);
            node.search(me.user(), me.password(), theirs).expect(403);
            node.search(me.user(), me.password(), theirs + "-v1").expect(403);
            node.index(me.user(), me.password(), theirs, "x", Map.of("a", 1)).expect(403);
            node.as(me.user(), me.password(), "DELETE", "/" + theirs + "-v1", null).expect(403);
            // Not by an alias of my own over their index either.
            node.as(me.user(), me.password(), "POST", "/_aliases", Map.of("actions", List.of(Map.of("add",
                    Map.of("index", theirs + "-v1", "alias", family(mine) + "-stolen"))))).expect(403);
        }
        node.as(me.user(), me.password(), "PUT", "/" + service + "-elsewhere", Map.of()).expect(403);
        // Cluster-level administration and the security plugin's API.
        node.as(me.user(), me.password(), "GET", "/_cluster/settings", null).expect(403);
        node.as(me.user(), me.password(), "PUT", "/_cluster/settings",
                Map.of("persistent", Map.of("cluster.routing.allocation.enable", "none"))).expect(403);
        node.as(me.user(), me.password(), "GET", "/_nodes", null).expect(403);
        node.as(me.user(), me.password(), "GET", "/_cat/indices", null).expect(403);
        node.as(me.user(), me.password(), "GET", "/_plugins/_security/api/internalusers", null).expect(403);
        node.as(me.user(), me.password(), "PUT", "/_plugins/_security/api/internalusers/" + me.user() + "2",
                Map.of("password", "Another-password-1", "opendistro_security_roles", List.of("all_access")))
                .expect(403);
        node.search(me.user(), me.password(), "*").expect(403);
        node.search(me.user(), me.password(), ".opendistro_security").expect(403);
    }

    @Test
    void rotationRetiresTheOldPasswordAtOnce() {
        long id = OpenSearchHttp.datastore(Api.service(Api.team("osrot"), "osrot"), "main");
        Login before = reveal(id);
        node.search(before.user(), before.password(), family(id)).expect(200);
        admin().post("/api/v1/datastores/" + id + "/credentials/rotate").then().statusCode(200);
        Login after = reveal(id);
        assertThat(after.password()).isNotEqualTo(before.password());
        node.search(before.user(), before.password(), family(id)).expect(401);
        node.search(after.user(), after.password(), family(id)).expect(200);
    }

    @Test
    void decommissionEndsTheLoginAtOnceAndDeletesTheIndicesAfterRetention() throws Exception {
        String service = Api.service(Api.team("osdec"), "osdec");
        long id = OpenSearchHttp.datastore(service, "main");
        String family = family(id);
        Login login = reveal(id);
        node.index(login.user(), login.password(), family, "1", Map.of("a", 1)).expect(201);
        admin().post("/api/v1/datastores/" + id + "/decommission").then().statusCode(200)
                .body("state", equalTo("DECOMMISSIONING"));
        node.search(login.user(), login.password(), family).expect(401);
        node.asAdmin("GET", "/_plugins/_security/api/internalusers/" + login.user(), null).expect(404);
        node.asAdmin("GET", "/" + family + "-v1", null).expect(200);

        // Test retention is 3 s and the job runs every second.
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"DECOMMISSIONED".equals(admin().get("/api/v1/datastores/" + id).jsonPath().getString("state"))) {
            assertThat(System.currentTimeMillis()).as("indices deleted after retention").isLessThan(deadline);
            Thread.sleep(250);
        }
        node.asAdmin("GET", "/" + family + "-v1", null).expect(404);
        node.asAdmin("GET", "/_alias/" + family, null).expect(404);
        // The name is free again.
        assertThat(OpenSearchHttp.datastore(service, "main")).isNotEqualTo(id);
    }
}
