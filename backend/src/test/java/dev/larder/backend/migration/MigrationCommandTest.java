package dev.larder.backend.migration;

import static dev.larder.backend.migration.MigrationCommands.command;
import static dev.larder.backend.migration.MigrationCommands.files;
import static dev.larder.backend.migration.MigrationCommands.send;
import static dev.larder.backend.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.testing.Api;
import dev.larder.backend.testing.Api.Credentials;
import dev.larder.backend.testing.ControlPlane;
import dev.larder.backend.testing.EventTap;
import dev.larder.backend.testing.KafkaBrokerProcess;
import dev.larder.backend.testing.LarderTest;
import dev.larder.backend.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** CI → larder.commands.v1 → lint, shadow, Flyway → larder.events.v1, against a real broker and MariaDB. */
@QuarkusTest
class MigrationCommandTest extends LarderTest {

    static final String SUCCEEDED = "dev.larder.migration.succeeded.v1";
    static final String FAILED = "dev.larder.migration.failed.v1";
    static final String STARTED = "dev.larder.migration.started.v1";
    static final Duration ANSWER = Duration.ofSeconds(60);

    static final String V1 = "CREATE TABLE orders (\n  id BIGINT NOT NULL PRIMARY KEY,\n"
            + "  total DECIMAL(10,2) NOT NULL DEFAULT 0\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";
    static final String V2 = "ALTER TABLE orders ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'new';\n";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCommandMigratesTheSchemaAndIsAnsweredOnTheEventsTopic() throws Exception {
        long id = Api.datastore(Api.service(Api.team("mig"), "mig"), "main");
        String commandId = Api.RUN + "-ok";
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            send(bootstrap, String.valueOf(id), command(commandId, id, files("V1__create_orders.sql", V1,
                    "V2__add_status.sql", V2)));
            JsonNode started = events.await(EventTap.answer(STARTED, commandId), ANSWER);
            assertThat(started).as("MigrationStarted").isNotNull();
            JsonNode succeeded = events.await(EventTap.answer(SUCCEEDED, commandId), ANSWER);
            assertThat(succeeded).as("MigrationSucceeded").isNotNull();
            assertThat(succeeded.path("subject").asText()).isEqualTo(String.valueOf(id));
            assertThat(succeeded.at("/data/appliedVersions").toString()).isEqualTo("[\"1\",\"2\"]");
            assertThat(succeeded.at("/data/clusters/0/cluster").asText()).isEqualTo(Api.CLUSTER);
        }
        Credentials credentials = Api.reveal(id);
        try (Connection login = Api.login(credentials); Statement sql = login.createStatement()) {
            sql.execute("INSERT INTO orders (id, total) VALUES (1, 5.00)");
            try (ResultSet rows = sql.executeQuery("SELECT status FROM orders WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("new");
            }
            assertThat(historyVersions(sql)).containsExactly("1", "2");
        }
        admin().get("/api/v1/datastores/" + id + "/migrations").then().statusCode(200)
                .body("items[0].state", org.hamcrest.Matchers.equalTo("SUCCEEDED"))
                .body("items[0].channel", org.hamcrest.Matchers.equalTo("kafka"))
                .body("items[0].ci.commit", org.hamcrest.Matchers.equalTo("0123abc"));
    }

    @Test
    void aFailingStatementIsReportedAndTheRealSchemaIsUntouched() throws Exception {
        long id = Api.datastore(Api.service(Api.team("migbad"), "migbad"), "main");
        String commandId = Api.RUN + "-bad";
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            send(bootstrap, String.valueOf(id), command(commandId, id, files("V1__create_orders.sql", V1,
                    "V2__index_missing.sql", "CREATE INDEX ix_orders_missing ON orders (no_such_column);\n")));
            JsonNode failed = events.await(EventTap.answer(FAILED, commandId), ANSWER);
            assertThat(failed).as("MigrationFailed").isNotNull();
            assertThat(failed.at("/data/stage").asText()).isEqualTo("shadow");
            assertThat(failed.at("/data/file").asText()).isEqualTo("V2__index_missing.sql");
            assertThat(failed.at("/data/statement").asText()).contains("no_such_column");
            assertThat(failed.at("/data/serverError").asText()).containsIgnoringCase("no_such_column");
        }
        assertThat(tablesIn(Api.reveal(id).database())).as("the real schema was never touched").isZero();
    }

    @Test
    void aRepeatedCommandIsAppliedOnceAndAnsweredTwice() throws Exception {
        long id = Api.datastore(Api.service(Api.team("migtwice"), "migtwice"), "main");
        String commandId = Api.RUN + "-twice";
        String value = command(commandId, id, files("V1__create_orders.sql", V1));
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            send(bootstrap, String.valueOf(id), value);
            JsonNode first = events.await(EventTap.answer(SUCCEEDED, commandId), ANSWER);
            assertThat(first).isNotNull();
            send(bootstrap, String.valueOf(id), value);
            List<JsonNode> answers = new ArrayList<>();
            long deadline = System.nanoTime() + ANSWER.toNanos();
            while (answers.size() < 2 && System.nanoTime() < deadline) {
                answers = events.all(EventTap.answer(SUCCEEDED, commandId), Duration.ofMillis(500));
            }
            assertThat(answers).as("answered twice").hasSize(2);
            assertThat(answers.get(1).path("id").asText()).as("same event id, so consumers deduplicate")
                    .isEqualTo(answers.get(0).path("id").asText());
        }
        try (Connection login = Api.login(Api.reveal(id)); Statement sql = login.createStatement()) {
            assertThat(historyVersions(sql)).containsExactly("1");
        }
        admin().get("/api/v1/datastores/" + id + "/migrations").then().body("total", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void unreadableCommandsGoToTheDeadLetterTopicAndTheNextCommandStillRuns() throws Exception {
        long id = Api.datastore(Api.service(Api.team("migdlq"), "migdlq"), "main");
        String good = Api.RUN + "-after-dlq";
        try (EventTap dlq = new EventTap(bootstrap, "larder.commands.v1.dlq");
                EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            send(bootstrap, "junk", "{ this is not json");
            send(bootstrap, "999999999", command(Api.RUN + "-ghost", 999_999_999L, files("V1__create_orders.sql",
                    V1)));
            send(bootstrap, String.valueOf(id), command(good, id, files("V1__create_orders.sql", V1)));

            ConsumerRecord<String, String> junk = dlq.awaitRecord(r -> "junk".equals(r.key()), ANSWER);
            assertThat(junk).as("malformed JSON in the DLQ").isNotNull();
            assertThat(reason(junk)).contains("not a readable CloudEvent");
            ConsumerRecord<String, String> ghost = dlq.awaitRecord(r -> "999999999".equals(r.key()), ANSWER);
            assertThat(ghost).as("unknown datastore in the DLQ").isNotNull();
            assertThat(reason(ghost)).contains("999999999").contains("does not exist");
            assertThat(events.await(EventTap.answer(SUCCEEDED, good), ANSWER)).as("consumption went on").isNotNull();
        }
    }

    @Test
    void anEventWaitsInTheOutboxWhileKafkaIsDownAndArrivesWhenItIsBack() throws Exception {
        long id = Api.datastore(Api.service(Api.team("migdown"), "migdown"), "main");
        String commandId = Api.RUN + "-outage";
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            send(bootstrap, String.valueOf(id), command(commandId, id, files("V1__create_orders.sql", V1,
                    "V2__slow.sql", "SELECT SLEEP(4);\n")));
            assertThat(events.await(EventTap.answer(STARTED, commandId), ANSWER)).isNotNull();
            KafkaBrokerProcess.stopFromSystemProperties();
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!"SUCCEEDED".equals(admin().get("/api/v1/datastores/" + id + "/migrations")
                        .jsonPath().getString("items[0].state"))) {
                    assertThat(System.currentTimeMillis()).as("migration finished while Kafka was down")
                            .isLessThan(deadline);
                    Thread.sleep(250);
                }
                assertThat(unpublished(id)).as("the succeeded event waits in the outbox").isPositive();
            } finally {
                KafkaBrokerProcess.restartFromSystemProperties();
            }
            JsonNode succeeded = events.await(EventTap.answer(SUCCEEDED, commandId), Duration.ofSeconds(90));
            assertThat(succeeded).as("the event arrived after the broker came back").isNotNull();
        }
    }

    @Test
    void differentDatastoresMigrateInParallelAndOneDatastoresCommandsApplyInOrder() throws Exception {
        String service = Api.service(Api.team("migpar"), "migpar");
        long a = Api.datastore(service, "alpha");
        long b = Api.datastore(service, "bravo");
        int n = 2;
        while (partition(a) == partition(b)) {
            b = Api.datastore(service, "bravo" + n++);
        }
        String slow = "SELECT SLEEP(3);\n";
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            send(bootstrap, String.valueOf(a), command(Api.RUN + "-par-a", a, files("V1__slow.sql", slow)));
            send(bootstrap, String.valueOf(b), command(Api.RUN + "-par-b", b, files("V1__slow.sql", slow)));
            assertThat(events.await(EventTap.answer(SUCCEEDED, Api.RUN + "-par-a"), ANSWER)).isNotNull();
            assertThat(events.await(EventTap.answer(SUCCEEDED, Api.RUN + "-par-b"), ANSWER)).isNotNull();
        }
        Instant aStart = migrationTime(a, "startedAt");
        Instant aEnd = migrationTime(a, "finishedAt");
        Instant bStart = migrationTime(b, "startedAt");
        Instant bEnd = migrationTime(b, "finishedAt");
        assertThat(aStart.isBefore(bEnd) && bStart.isBefore(aEnd)).as("the two runs overlapped: a %s–%s, b %s–%s",
                aStart, aEnd, bStart, bEnd).isTrue();

        long c = Api.datastore(service, "charlie");
        try (EventTap events = new EventTap(bootstrap, "larder.events.v1")) {
            String v3 = "CREATE INDEX ix_orders_status ON orders (status);\n";
            send(bootstrap, String.valueOf(c), command(Api.RUN + "-c1", c, files("V1__create_orders.sql", V1)));
            send(bootstrap, String.valueOf(c), command(Api.RUN + "-c2", c, files("V1__create_orders.sql", V1,
                    "V2__add_status.sql", V2)));
            send(bootstrap, String.valueOf(c), command(Api.RUN + "-c3", c, files("V1__create_orders.sql", V1,
                    "V2__add_status.sql", V2, "V3__index_status.sql", v3)));
            for (String commandId : List.of("-c1", "-c2", "-c3")) {
                assertThat(events.await(EventTap.answer(SUCCEEDED, Api.RUN + commandId), ANSWER))
                        .as("command %s succeeded", commandId).isNotNull();
            }
        }
        try (Connection login = Api.login(Api.reveal(c)); Statement sql = login.createStatement()) {
            assertThat(historyVersions(sql)).containsExactly("1", "2", "3");
        }
    }

    private static int partition(long datastoreId) {
        return Utils.toPositive(Utils.murmur2(String.valueOf(datastoreId).getBytes(StandardCharsets.UTF_8))) % 8;
    }

    private static Instant migrationTime(long datastoreId, String field) {
        return Instant.parse(admin().get("/api/v1/datastores/" + datastoreId + "/migrations").jsonPath()
                .getString("items[0]." + field));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<String> historyVersions(Statement sql) throws Exception {
        List<String> versions = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    static int tablesIn(String schema) throws Exception {
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + schema + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long unpublished(long datastoreId) throws Exception {
        try (Connection root = MariaDbTestResource.root(); Statement sql = root.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + ControlPlane.table("outbox_events")
                        + " WHERE published_at IS NULL AND message_key = '" + datastoreId + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
