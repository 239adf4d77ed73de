package dev.larder.backend.security;

import static dev.larder.backend.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.LarderTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint wants a bearer token; people act for their own teams, platform-admins for all. */
@QuarkusTest
class AuthorizationTest extends LarderTest {

    @Test
    void noTokenIsUnauthorized() {
        for (String path : new String[] {"/api/v1/datastores", "/api/v1/teams", "/api/v1/clusters",
            "/api/v1/audit", "/api/v1/audit/verify", "/api/v1/services"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void forgedOrForeignTokensAreUnauthorized() {
        given().auth().oauth2("not-a-token").get("/api/v1/datastores").then().statusCode(401);
        // Right claims, wrong issuer.
        String wrongIssuer = Jwt.issuer("someone-else").upn("eve@example.com").claim("email", "eve@example.com")
                .groups("platform-admin").sign();
        given().auth().oauth2(wrongIssuer).get("/api/v1/datastores").then().statusCode(401);
        // A token whose signature was tampered with.
        String token = Api.jwt("eve@example.com", "platform-admin");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).get("/api/v1/datastores").then().statusCode(401);
    }

    @Test
    void membersActForTheirOwnTeamOnly() {
        String owners = Api.team("owners");
        String others = Api.team("others");
        String service = Api.service(owners, "authz");
        String owner = Api.RUN + ".owner@example.com";
        String outsider = Api.RUN + ".outsider@example.com";
        Api.member(owner, owners);
        Api.member(outsider, others);

        Map<String, Object> body = Map.of("service", service, "name", "main", "kind", "mysql",
                "environment", "dev", "cluster", Api.CLUSTER);
        Api.as(outsider).body(body).post("/api/v1/datastores").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(owners));
        long id = Api.as(owner).body(body).post("/api/v1/datastores").then().statusCode(201)
                .body("createdBy", equalTo(owner)).extract().jsonPath().getLong("id");

        Api.as(outsider).post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(403);
        Api.as(outsider).post("/api/v1/datastores/" + id + "/credentials/rotate").then().statusCode(403);
        Api.as(outsider).post("/api/v1/datastores/" + id + "/decommission").then().statusCode(403);
        Api.as(owner).post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200);
        // Anyone signed in may look; only owners and admins may act.
        Api.as(outsider).get("/api/v1/datastores/" + id).then().statusCode(200).body("state", equalTo("READY"));

        Api.as(Api.RUN + ".admin@example.com", "platform-admin")
                .post("/api/v1/datastores/" + id + "/credentials/reveal").then().statusCode(200);
    }

    @Test
    void onlyPlatformAdminsRegisterClustersAndTeamsAndReadTheAudit() {
        String owners = Api.team("members");
        String person = Api.RUN + ".person@example.com";
        Api.member(person, owners);
        Api.as(person).body(Map.of("name", Api.RUN + "-x", "kind", "mysql", "host", "127.0.0.1", "port", 3306,
                "adminUser", "root", "adminPassword", "", "environment", "dev"))
                .post("/api/v1/clusters").then().statusCode(403);
        Api.as(person).body(Map.of("name", Api.RUN + "-y")).post("/api/v1/teams").then().statusCode(403);
        Api.as(person).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(Api.CI_TOKEN).get("/api/v1/audit").then().statusCode(403);
        admin().get("/api/v1/audit").then().statusCode(200);
        // A member may register services for their own team.
        Api.as(person).body(Map.of("name", Api.unique("mine"), "team", owners)).post("/api/v1/services").then()
                .statusCode(201);
    }
}
