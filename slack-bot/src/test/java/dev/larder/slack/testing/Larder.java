package dev.larder.slack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/** The real backend, as the datastore team and the people in the tests use it. */
public final class Larder {

    private final String url;

    public Larder(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    public RequestSpecification admin() {
        return given().baseUri(url).auth().oauth2(LarderStack.ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** A person with their own identity (a JWT from the identity provider), as on the step-up page. */
    public RequestSpecification as(String email) {
        return given().baseUri(url).auth().oauth2(jwt(email)).contentType(ContentType.JSON);
    }

    public static String jwt(String email) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(Path.of(System.getProperty(
                    "it.backend-jwt-keys"), "jwt-private.pem")));
            return Jwt.issuer("larder-test").upn(email).claim("email", email).groups(Set.of()).sign(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unique name for this run: {@code <run>_<name>} for services, {@code <run>-<name>} for teams. */
    public static String unique(String name) {
        return LarderStack.RUN + "_" + name;
    }

    public String team(String name, String approvalChannel) {
        String team = LarderStack.RUN + "-" + name;
        admin().body(Map.of("name", team, "approvalChannel", approvalChannel)).post("/api/v1/teams").then()
                .statusCode(anyOf(is(201), is(409)));
        return team;
    }

    public void member(String email, String team) {
        admin().body(Map.of("email", email, "teams", new String[] {team})).post("/api/v1/members").then()
                .statusCode(anyOf(is(201), is(409)));
    }

    public String service(String team, String name) {
        String service = unique(name);
        admin().body(Map.of("name", service, "team", team)).post("/api/v1/services").then()
                .statusCode(anyOf(is(201), is(409)));
        return service;
    }

    /** The machine's MariaDB registered as a cluster of one environment. */
    public String cluster(String environment) {
        String cluster = LarderStack.RUN + "-" + environment;
        if (admin().get("/api/v1/clusters/" + cluster).statusCode() == 404) {
            admin().body(Map.of("name", cluster, "kind", "mysql", "host", "127.0.0.1", "port", 3306,
                    "adminUser", "root", "adminPassword", "", "environment", environment))
                    .post("/api/v1/clusters").then().statusCode(201);
        }
        return cluster;
    }

    public long datastore(String service, String name, String environment) {
        return admin().body(Map.of("service", service, "name", name, "kind", "mysql", "environment", environment,
                "cluster", cluster(environment))).post("/api/v1/datastores").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Runs SQL as the datastore's own login. */
    public void sql(long datastoreId, String... statements) throws SQLException {
        JsonPath credentials = admin().post("/api/v1/datastores/" + datastoreId + "/credentials/reveal").then()
                .statusCode(200).extract().jsonPath();
        try (Connection login = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/"
                + credentials.getString("database"), credentials.getString("username"),
                credentials.getString("password")); Statement sql = login.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    public JsonPath get(String path) {
        return admin().get(path).then().statusCode(200).extract().jsonPath();
    }
}
