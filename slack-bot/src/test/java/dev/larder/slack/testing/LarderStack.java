package dev.larder.slack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the bot talks to, started once per test run: a real Kafka broker (KRaft, its own JVM, from
 * deploy/kafka-broker's class path), the real packaged backend (its own JVM, test profile, its own control-plane
 * database on the machine's MariaDB, free ports) and the fake Slack Web API. Stopped (and the database dropped) at
 * the end.
 *
 * <p>Paths come from system properties the module's pom sets relative to ${project.basedir}: the backend jar and
 * test keys, and the broker's class path file, all built earlier in the reactor.
 */
public class LarderStack implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
    public static final String BOT_TOKEN = "larder-test-slack-bot-token";
    public static final String ADMIN_TOKEN = "larder-test-admin-token";
    public static final String RUN = "ls" + letters(4);

    private final List<Process> processes = new ArrayList<>();
    private FakeSlack slack;
    private String database;
    private final String loginPrefix = "lx" + letters(4);

    @Override
    public Map<String, String> start() {
        try {
            Path work = Path.of("target", "stack-" + RUN).toAbsolutePath();
            Files.createDirectories(work);
            int kafkaPort = freePort();
            Path kafkaDir = work.resolve("kafka");
            Files.createDirectories(kafkaDir);
            String brokerClasspath = Files.readString(Path.of(required("it.broker-classpath-file"))).trim();
            processes.add(new ProcessBuilder(java(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Dlarder.kafka.parent-pid=" + ProcessHandle.current().pid(),
                    "-cp", brokerClasspath, "dev.larder.deploy.kafka.KafkaBrokerMain",
                    kafkaDir.toString(), String.valueOf(kafkaPort)).directory(kafkaDir.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("kafka-console.log").toFile()).start());
            await("the Kafka broker", () -> Files.exists(kafkaDir.resolve("ready")), Duration.ofSeconds(90));
            String bootstrap = "127.0.0.1:" + kafkaPort;

            Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
            int backendPort = freePort();
            database = "larder_slack_it_" + RUN;
            String backendUrl = "http://localhost:" + backendPort;
            String keys = required("it.backend-jwt-keys");
            Path backendDir = work.resolve("backend");
            Files.createDirectories(backendDir);
            processes.add(new ProcessBuilder(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.profile=test",
                    "-Dquarkus.http.port=" + backendPort,
                    "-Dquarkus.datasource.jdbc.url=jdbc:mariadb://127.0.0.1:3306/" + database
                            + "?createDatabaseIfNotExist=true",
                    "-Dkafka.bootstrap.servers=" + bootstrap,
                    "-Dmp.jwt.verify.publickey.location=" + Path.of(keys, "jwt-public.pem").toUri(),
                    "-Dlarder.access.public-url=" + backendUrl,
                    "-Dlarder.access.login-prefix=" + loginPrefix,
                    "-Dquarkus.log.file.path=" + backendDir.resolve("backend.log"),
                    "-Dquarkus.http.access-log.enabled=true",
                    "-Dquarkus.http.access-log.pattern=ACCESS %m %U %s on-behalf-of=%{i,X-Larder-On-Behalf-Of}",
                    "-jar", required("it.backend-jar"))
                    .directory(backendDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(backendDir.resolve("console.log").toFile()).start());
            HttpClient http = HttpClient.newHttpClient();
            await("the backend at " + backendUrl, () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(backendUrl + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(120));

            slack = new FakeSlack();
            System.out.println("LarderStack: Kafka " + bootstrap + ", backend " + backendUrl + " (log "
                    + backendDir.resolve("backend.log") + "), fake Slack " + slack.url());
            return Map.of(
                    "kafka.bootstrap.servers", bootstrap,
                    "larder.backend.url", backendUrl,
                    "larder.backend.token", BOT_TOKEN,
                    "larder.slack.api-url", slack.url() + "/api/",
                    "larder.slack.bot-token", "xoxb-test-token",
                    "larder.slack.signing-secret", SIGNING_SECRET,
                    "it.slack-url", slack.url(),
                    "it.backend-log", backendDir.resolve("backend.log").toString());
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (slack != null) {
            slack.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (database != null) {
            try (Connection root = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "root", "");
                    Statement sql = root.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS `" + database + "`");
                // What the tests created on the tenant server: schemas and logins named <RUN>_…, personal logins.
                for (String schema : names(sql, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE"
                        + " SCHEMA_NAME LIKE '" + RUN + "\\_%'")) {
                    sql.execute("DROP DATABASE `" + schema + "`");
                }
                for (String user : names(sql, "SELECT DISTINCT User FROM mysql.user WHERE User LIKE '" + RUN
                        + "\\_%' OR User LIKE '" + loginPrefix + "\\_%'")) {
                    sql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                }
            } catch (SQLException e) {
                System.err.println("LarderStack: could not drop " + database + ": " + e.getMessage());
            }
            database = null;
        }
    }

    private static List<String> names(Statement sql, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var rows = sql.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    interface Check {
        boolean done() throws IOException, InterruptedException;
    }

    private void await(String what, Check check, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (!check.done()) {
                if (processes.stream().anyMatch(p -> !p.isAlive())) {
                    throw new IllegalStateException(what + " exited before it was ready; see target/stack-" + RUN);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(what + " was not ready within " + timeout + "; see target/stack-"
                            + RUN);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(property + " (" + value + ") is missing: the slack-bot tests need the"
                    + " backend and deploy/kafka-broker built first; run ./mvnw verify from the repository root");
        }
        return value;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String letters(int count) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
