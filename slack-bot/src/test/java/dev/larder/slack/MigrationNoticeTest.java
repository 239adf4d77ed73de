package dev.larder.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.Topics;
import dev.larder.events.common.CiDetails;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import dev.larder.slack.testing.BotTest;
import dev.larder.slack.testing.LarderStack;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Migrations shipped by CI as Kafka commands, heard in Slack: the subscribed channel gets the succeeded notice, and
 * the failed one with the failing statement; the person who asked gets a DM; events nobody knows are skipped.
 */
@QuarkusTest
class MigrationNoticeTest extends BotTest {

    static final String NEWS = "CMIGNEWS";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theSubscribedChannelHearsThatAMigrationSucceededOrFailedAndWhere() throws Exception {
        String team = larder.team("mig", "CMIGAPPROVALS");
        String rita = LarderStack.RUN + ".mig-rita@example.com";
        larder.member(rita, team);
        slack.addUser("UMIGRITA", rita);
        long datastore = larder.datastore(larder.service(team, "mig"), "orders", "dev");
        slack.command("UMIGRITA", "CMIGOPS", "subscribe " + datastore + " <#" + NEWS + "|news>").then()
                .statusCode(200);
        slack.await("chat.postEphemeral", p -> p.path("text").asText().contains("<#" + NEWS + "> now hears"));

        send(Topics.EVENTS, String.valueOf(datastore), "{\"specversion\":\"1.0\",\"id\":\"x-1\",\"source\":\"/elsewhere\","
                + "\"type\":\"dev.example.unknown.v1\",\"subject\":\"" + datastore + "\",\"data\":{\"a\":1}}");
        String create = "CREATE TABLE t (id BIGINT PRIMARY KEY, note VARCHAR(20)) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8mb4;\n";
        send(Topics.COMMANDS, String.valueOf(datastore), command(datastore, rita, Map.of("V1__create_t.sql", create)));
        JsonNode succeeded = slack.await("chat.postMessage", p -> p.path("channel").asText().equals(NEWS)
                && p.path("text").asText().contains("succeeded"));
        assertThat(succeeded.path("text").asText()).contains("applied V1").contains("/orders@dev");
        slack.await("chat.postMessage", p -> p.path("channel").asText().equals("DUMIGRITA")
                && p.path("text").asText().contains("succeeded"));

        String duplicate = "INSERT INTO t (id, note) VALUES (1, 'first');\n"
                + "INSERT INTO t (id, note) VALUES (1, 'again');\n";
        send(Topics.COMMANDS, String.valueOf(datastore), command(datastore, rita, Map.of("V1__create_t.sql", create,
                "V2__seed_t.sql", duplicate)));
        JsonNode failed = slack.await("chat.postMessage", p -> p.path("channel").asText().equals(NEWS)
                && p.path("text").asText().contains("failed"));
        assertThat(failed.path("text").asText()).contains("V2__seed_t.sql").contains("Failing statement")
                .contains("VALUES (1, 'again')").contains("Duplicate");
    }

    private String command(long datastore, String requestedBy, Map<String, String> files) throws Exception {
        List<MigrationFileSpec> specs = new ArrayList<>();
        for (var file : new java.util.TreeMap<>(files).entrySet()) {
            specs.add(new MigrationFileSpec(file.getKey(), HexFormat.of().formatHex(MessageDigest
                    .getInstance("SHA-256").digest(file.getValue().getBytes(StandardCharsets.UTF_8))),
                    file.getValue()));
        }
        return EventJson.write(CloudEvent.of(EventTypes.MIGRATION_REQUESTED, "/ci/test", String.valueOf(datastore),
                new MigrationRequested(UUID.randomUUID().toString(), DatastoreRef.byId(datastore), specs, requestedBy,
                        new CiDetails("github-actions", "https://ci.example.com/runs/1", "0123abc"))));
    }

    private void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
