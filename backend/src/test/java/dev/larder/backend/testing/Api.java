package dev.larder.backend.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Talks to Larder the way its users do: over HTTP with a bearer token. Names start with a per-run prefix so runs
 * never collide and leftovers can be found.
 */
public final class Api {

    public static final String ADMIN_TOKEN = "larder-test-admin-token";
    public static final String CI_TOKEN = "larder-test-ci-token";
    public static final String SLACK_BOT_TOKEN = "larder-test-slack-bot-token";
    public static final String RUN = "lt" + randomSuffix(4);
    public static final String CLUSTER = "it-mysql";

    private Api() {
    }

    /** A platform-admin service token. */
    public static RequestSpecification admin() {
        return given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** A person, as a JWT from the identity provider, signed with the test key. */
    public static RequestSpecification as(String email, String... groups) {
        return given().auth().oauth2(jwt(email, groups)).contentType(ContentType.JSON);
    }

    /** The Slack bot acting for a person (X-Larder-On-Behalf-Of), as it does for every Slack user. */
    public static RequestSpecification slackBot(String person) {
        return slackBot().header("X-Larder-On-Behalf-Of", person);
    }

    /** The Slack bot as itself. */
    public static RequestSpecification slackBot() {
        return given().auth().oauth2(SLACK_BOT_TOKEN).contentType(ContentType.JSON);
    }

    public static String jwt(String email, String... groups) {
        return Jwt.issuer("larder-test").upn(email).claim("email", email).groups(Set.of(groups)).sign();
    }

    /** A unique name for this run, e.g. lt4k2q_shop. */
    public static String unique(String name) {
        return RUN + "_" + name;
    }

    public static String randomSuffix(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        return sb.toString();
    }

    /** Registers the tests' MariaDB as cluster it-mysql once per run. */
    public static void ensureCluster(String host, int port, String adminUser, String adminPassword) {
        ensureCluster(CLUSTER, "mysql", host, port, adminUser, adminPassword);
    }

    /** Registers a dev cluster of any kind once per run (a second call with the same name does nothing). */
    public static synchronized void ensureCluster(String name, String kind, String host, int port, String adminUser,
            String adminPassword) {
        SeenSecrets.remember(adminPassword);
        if (admin().get("/api/v1/clusters/" + name).statusCode() == 200) {
            return;
        }
        admin().body(Map.of("name", name, "kind", kind, "host", host, "port", port, "adminUser", adminUser,
                "adminPassword", adminPassword, "environment", "dev"))
                .post("/api/v1/clusters").then().statusCode(201);
    }

    public static String team(String name) {
        String team = RUN + "-" + name.replace('_', '-');
        admin().body(Map.of("name", team)).post("/api/v1/teams").then().statusCode(anyOf(is(201), is(409)));
        return team;
    }

    /** Adds a person to teams unless an earlier test of this run already did. */
    public static void memberOnce(String email, String... teams) {
        if (admin().get("/api/v1/members/" + email).statusCode() == 404) {
            member(email, teams);
        }
    }

    /** Polls a migration submitted through the API until it SUCCEEDED or FAILED (at most a minute). */
    public static JsonPath awaitMigration(long datastoreId, long migrationId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath migration = admin().get("/api/v1/datastores/" + datastoreId + "/migrations/" + migrationId)
                    .then().statusCode(200).extract().jsonPath();
            String state = migration.getString("state");
            if ("SUCCEEDED".equals(state) || "FAILED".equals(state)) {
                return migration;
            }
            assertThat(System.currentTimeMillis()).as("migration finished").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Polls a migration until it reaches {@code state} (at most 30 s), e.g. AWAITING_APPROVAL. */
    public static JsonPath awaitMigrationState(long datastoreId, long migrationId, String state)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonPath migration = admin().get("/api/v1/datastores/" + datastoreId + "/migrations/" + migrationId)
                    .then().statusCode(200).extract().jsonPath();
            if (state.equals(migration.getString("state")) || System.currentTimeMillis() > deadline) {
                assertThat(migration.getString("state")).as(migration.prettify()).isEqualTo(state);
                return migration;
            }
            Thread.sleep(200);
        }
    }

    public static void member(String email, String... teams) {
        admin().body(Map.of("email", email, "teams", teams)).post("/api/v1/members").then().statusCode(201);
    }

    public static String service(String team, String name) {
        String service = unique(name);
        admin().body(Map.of("name", service, "team", team)).post("/api/v1/services").then()
                .statusCode(anyOf(is(201), is(409)));
        return service;
    }

    /** Creates a datastore as platform-admin and returns its id; it must come back READY. */
    public static long datastore(String service, String name) {
        return admin().body(Map.of("service", service, "name", name, "kind", "mysql", "environment", "dev",
                "cluster", CLUSTER)).post("/api/v1/datastores")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /**
     * Creates a dev datastore of any kind on a named cluster as platform-admin, with an optional spec, and returns
     * the answer; it must come back READY.
     */
    public static JsonPath datastore(String service, String name, String kind, String cluster, Object spec) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("service", service, "name", name, "kind", kind,
                "environment", "dev", "cluster", cluster));
        if (spec != null) {
            body.put("spec", spec);
        }
        JsonPath created = admin().body(body).post("/api/v1/datastores").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("state")).as(created.getString("failureReason")).isEqualTo("READY");
        return created;
    }

    public record Credentials(String username, String password, String database, String host, int port) {
    }

    public static Credentials reveal(long datastoreId) {
        var json = admin().post("/api/v1/datastores/" + datastoreId + "/credentials/reveal")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        return new Credentials(json.getString("username"), SeenSecrets.remember(json.getString("password")),
                json.getString("database"), json.getString("clusters[0].host"), json.getInt("clusters[0].port"));
    }

    public static Connection login(Credentials credentials) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + credentials.host() + ":" + credentials.port() + "/"
                + credentials.database(), credentials.username(), credentials.password());
    }

    public static Connection login(Credentials credentials, String password) throws SQLException {
        return login(new Credentials(credentials.username(), password, credentials.database(), credentials.host(),
                credentials.port()));
    }
}
