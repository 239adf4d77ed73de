package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.larder.events.EventJson;
import dev.larder.events.SchemaValidation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole program through {@link LarderCi#run}: options, usage errors, exit codes; no broker, no backend. */
class LarderCiTest {

    private static final Map<String, String> NO_ENV = Map.of("LARDER_REQUESTED_BY", "jane.doe@example.com");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @BeforeEach
    void migrations() throws IOException {
        Files.writeString(dir.resolve("V1__create_refund.sql"), "CREATE TABLE refund (id BIGINT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__add_reason.sql"), "ALTER TABLE refund ADD COLUMN reason VARCHAR(200);\n");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    // --- usage errors: exit 2 with a usage line ---

    @Test
    void noDatastoreIsAUsageError() {
        assertThat(run(NO_ENV, "migrate", "--dir", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing required argument").contains("--datastore-id")
                .contains("Usage: larder-ci migrate").contains("Run 'larder-ci migrate --help' for all options.");
        assertThat(out()).isEmpty();
    }

    @Test
    void datastoreIdAndServiceTogetherAreAUsageError() {
        assertThat(run(NO_ENV, "migrate", "--datastore-id", "42", "--service", "orders", "--name", "orders_db",
                "--environment", "prod", "--dir", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("mutually exclusive").contains("Usage: larder-ci migrate");
    }

    @Test
    void otherUsageErrors() {
        assertThat(run(NO_ENV)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing command").contains("Usage: larder-ci");
        assertThat(usageError("migrate", "--service", "orders", "--name", "orders_db", "--environment", "qa"))
                .contains("--environment must be dev, staging or prod");
        assertThat(usageError("migrate", "--service", "orders", "--name", "orders_db", "--environment", "prod",
                "--api", "https://larder.example.com")).contains("--api needs --datastore-id");
        assertThat(usageError("migrate", "--datastore-id", "42", "--timeout", "soon"))
                .contains("neither a number of seconds nor an ISO-8601 duration");
        assertThat(usageError("migrate", "--datastore-id", "42", "--command-id", "has space"))
                .contains("--command-id must be");
        assertThat(usageError("migrate", "--datastore-id", "42", "--kafka-property", "novalue"))
                .contains("is not KEY=VALUE");
        assertThat(usageError("migrate", "--datastore-id", "42", "--frobnicate")).contains("Unknown option");
    }

    @Test
    void missingRequestedByIsAUsageError() {
        assertThat(run(Map.of(), "migrate", "--datastore-id", "42", "--dir", dir.toString(), "--dry-run"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing --requested-by").contains("Usage: larder-ci migrate");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run(NO_ENV, "migrate", "--help")).isZero();
        assertThat(out()).startsWith("Usage: larder-ci migrate").contains("--datastore-id=ID")
                .contains("--kafka-property=KEY=VALUE").contains("Exit codes:");
    }

    @Test
    void packingErrorsExitTwoWithoutUsage() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThat(run(NO_ENV, "migrate", "--datastore-id", "42", "--dir", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("notes.txt: not a migration file").doesNotContain("Usage:");
    }

    @Test
    void aCommandTheContractRejectsIsRefusedBeforeSending() {
        assertThat(run(NO_ENV, "migrate", "--service", "Orders-Service", "--name", "orders_db", "--environment",
                "prod", "--dir", dir.toString(), "--dry-run")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Larder would refuse this command").contains("$.data.datastore");
    }

    // --- dry run ---

    @Test
    void dryRunPrintsTheCommandItWouldSendAsJson() throws Exception {
        Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_ACTOR", "octocat",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/orders", "GITHUB_RUN_ID", "7",
                "GITHUB_SHA", "abc123");

        assertThat(run(github, "migrate", "--service", "orders", "--name", "orders_db", "--environment", "prod",
                "--dir", dir.toString(), "--dry-run", "--json")).isZero();

        JsonNode command = EventJson.mapper().readTree(out());
        assertThat(new SchemaValidation().validate(out())).isEmpty();
        assertThat(command.path("type").asText()).isEqualTo("dev.larder.migration.requested.v1");
        assertThat(command.path("source").asText()).isEqualTo("/ci/github-actions");
        assertThat(command.path("subject").asText()).isEqualTo("orders/orders_db/prod");
        JsonNode data = command.path("data");
        assertThat(data.path("commandId").asText()).matches("ci-[0-9a-f]{32}");
        assertThat(data.path("requestedBy").asText()).isEqualTo("octocat@users.noreply.github.com");
        assertThat(data.path("ci").path("runUrl").asText()).isEqualTo("https://github.com/acme/orders/actions/runs/7");
        assertThat(data.path("files").findValuesAsText("name")).containsExactly("V1__create_refund.sql",
                "V2__add_reason.sql");
        assertThat(err()).contains("Packed 2 migrations");

        out.reset();
        assertThat(run(github, "migrate", "--service", "orders", "--name", "orders_db", "--environment", "prod",
                "--dir", dir.toString(), "--dry-run", "--json")).isZero();
        assertThat(EventJson.mapper().readTree(out()).path("data").path("commandId").asText())
                .as("a rerun sends the same command id").isEqualTo(data.path("commandId").asText());
    }

    @Test
    void dryRunAsText() {
        assertThat(run(NO_ENV, "migrate", "--datastore-id", "42", "--dir", dir.toString(), "--dry-run",
                "--command-id", "my-id-1", "--ci-system", "buildkite")).isZero();
        assertThat(out()).contains("Dry run: nothing sent. Kafka topic larder.commands.v1, key 42")
                .contains("command id:   my-id-1").contains("requested by: jane.doe@example.com")
                .contains("ci:           buildkite").contains("V1__create_refund.sql  sha256 ");
    }

    // --- Kafka: nothing listening ---

    @Test
    void kafkaUnreachableExitsTwoAndSendsNothing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(run(NO_ENV, "migrate", "--datastore-id", "42", "--dir", dir.toString(),
                "--bootstrap", "127.0.0.1:" + port, "--timeout", "2",
                "--kafka-property", "reconnect.backoff.max.ms=200")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Kafka at 127.0.0.1:" + port + " did not answer in time").contains("nothing was sent");
    }

    // --- REST against a stand-in HTTP server: the exit-code mapping ---

    @Test
    void restSuccessExitsZero() throws IOException {
        Stub stub = stub(202, migration("PENDING", null), migration("RUNNING", null), migration("SUCCEEDED", null));

        int code = run(Map.of("LARDER_REQUESTED_BY", "jane.doe@example.com", "LARDER_TOKEN", "t0ken",
                "JENKINS_URL", "https://jenkins.example.com/", "BUILD_URL", "https://jenkins.example.com/job/1/"),
                restArgs());

        assertThat(code).as(err()).isEqualTo(ExitCodes.SUCCEEDED);
        assertThat(out()).contains("Submitted ").contains("migration 917 is PENDING").contains("Migration 917 is RUNNING")
                .endsWith("Migration 917 succeeded on mysql-dev: applied V1, V2 in 1500 ms\n");
        JsonNode body = EventJson.mapper().readTree(stub.posted.get(0));
        assertThat(body.path("commandId").asText()).matches("ci-[0-9a-f]{32}");
        assertThat(body.path("requestedBy").asText()).isEqualTo("jane.doe@example.com");
        assertThat(body.path("ci").path("system").asText()).isEqualTo("jenkins");
        assertThat(body.path("files").get(0).path("content").asText())
                .isEqualTo("CREATE TABLE refund (id BIGINT PRIMARY KEY);\n");
        assertThat(body.path("files").get(0).path("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(stub.headers.get("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(stub.headers.get("Idempotency-key")).isEqualTo(body.path("commandId").asText());
    }

    @Test
    void restFailureExitsOneAndJsonPrintsTheMigration() throws IOException {
        String failed = migration("FAILED", """
                {"stage": "lint"}""").replace("\"findings\": []", """
                "findings": [{"ruleId": "mysql.drop-table", "severity": "ERROR", "file": "V2__add_reason.sql",
                              "line": 1, "message": "Dropping a table loses its data."}]""");
        stub(202, failed);

        assertThat(run(NO_ENV, restArgs())).isEqualTo(ExitCodes.MIGRATION_FAILED);
        assertThat(out()).contains("ERROR  mysql.drop-table  V2__add_reason.sql:1  Dropping a table loses its data.")
                .contains("Migration 917 FAILED at stage lint");

        out.reset();
        assertThat(run(NO_ENV, append(restArgs(), "--json"))).isEqualTo(ExitCodes.MIGRATION_FAILED);
        assertThat(out().strip()).isEqualTo(failed.strip());
    }

    @Test
    void restProblemExitsTwoWithTheDetail() throws IOException {
        stub(403, """
                {"type": "about:blank", "title": "Forbidden", "status": 403,
                 "detail": "Only the owning team may migrate datastore 42."}""");

        assertThat(run(NO_ENV, restArgs())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Larder refused POST /api/v1/datastores/42/migrations (HTTP 403 Forbidden):"
                + " Only the owning team may migrate datastore 42.");
    }

    @Test
    void restWithoutAnAnswerInTimeExitsThree() throws IOException {
        String running = migration("RUNNING", null);
        stub(202, running, running, running, running, running, running, running, running, running, running);

        assertThat(run(NO_ENV, append(restArgs(), "--timeout", "PT0.5S"))).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(err()).contains("migration 917 has not finished within 0.5 s (state RUNNING)");
    }

    // --- helpers ---

    private String[] restArgs() {
        return new String[] {"migrate", "--datastore-id", "42", "--dir", dir.toString(), "--api",
            "http://127.0.0.1:" + server.getAddress().getPort(), "--poll-interval", "PT0.05S"};
    }

    private static String migration(String state, String failure) {
        return """
                {"id": 917, "datastoreId": 42, "commandId": "c", "state": "%s", "applied": %s, "findings": [],
                 "failure": %s,
                 "clusters": [{"cluster": "mysql-dev", "versionsApplied": ["1", "2"], "durationMs": 1200}],
                 "startedAt": "2026-03-02T14:05:10Z", "finishedAt": "2026-03-02T14:05:11.500Z"}
                """.formatted(state, "SUCCEEDED".equals(state) ? "[\"1\", \"2\"]" : "[]", failure);
    }

    /** A stand-in for the backend: answers the POST with the first body, each GET with the next. */
    private static final class Stub {
        final List<String> posted = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> headers = new HashMap<>();
        final Deque<String> answers = new ConcurrentLinkedDeque<>();
        volatile String last;
    }

    private Stub stub(int postStatus, String... answers) throws IOException {
        Stub stub = new Stub();
        stub.answers.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/datastores/42/migrations", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                stub.posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.getRequestHeaders().forEach((name, values) -> stub.headers.put(name, values.get(0)));
                respond(exchange, postStatus, next(stub));
            } else if (exchange.getRequestURI().getPath().endsWith("/917")) {
                respond(exchange, 200, next(stub));
            } else {
                respond(exchange, 404, "{\"title\": \"Not Found\", \"status\": 404}");
            }
        });
        server.start();
        return stub;
    }

    private static String next(Stub stub) {
        String answer = stub.answers.poll();
        if (answer != null) {
            stub.last = answer;
        }
        return stub.last;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String usageError(String... args) {
        err.reset();
        assertThat(run(NO_ENV, args)).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Usage: larder-ci migrate");
        return err();
    }

    private int run(Map<String, String> env, String... args) {
        return LarderCi.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
