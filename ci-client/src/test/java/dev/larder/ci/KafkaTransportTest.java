package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTransportTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreSafeAndEveryPropertyCanBeOverridden() {
        KafkaTransport transport = new KafkaTransport("broker:9093", List.of(
                "security.protocol=SASL_SSL", "sasl.jaas.config=a=b c=d", "producer.acks=1",
                "consumer.isolation.level=read_uncommitted", "producer.compression.type=none"),
                "c", "e", "d");

        assertThat(transport.producerConfig(100)).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", "a=b c=d")
                .containsEntry("acks", "1").containsEntry("compression.type", "none")
                .containsEntry("enable.idempotence", "true").containsEntry("max.request.size", "1048576")
                .doesNotContainKey("isolation.level");
        assertThat(transport.consumerConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("isolation.level", "read_uncommitted").containsEntry("enable.auto.commit", "false")
                .doesNotContainKey("group.id").doesNotContainKey("acks");
        assertThat(new KafkaTransport("b:1", List.of(), "c", "e", "d").producerConfig(3_000_000))
                .containsEntry("acks", "all").containsEntry("max.request.size", String.valueOf(3_000_000 + 65_536));
    }

    @Test
    void aPropertiesFileComesFirstAndCommandLinePropertiesWin() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                  username="ci" password="s3cret";
                """);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        MigrateCommand command = new MigrateCommand(nowhere, nowhere, Map.of("LARDER_KAFKA_CONFIG", file.toString()));
        command.kafkaProperties.add("sasl.mechanism=PLAIN");

        KafkaTransport transport = new KafkaTransport("b:1", command.kafkaProperties(), "c", "e", "d");

        assertThat(transport.consumerConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ci\" password=\"s3cret\";");

        MigrateCommand missing = new MigrateCommand(nowhere, nowhere, Map.of("LARDER_KAFKA_CONFIG", "/nope/x"));
        assertThatThrownBy(missing::kafkaProperties).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE)).hasMessageContaining("/nope/x");
    }
}
