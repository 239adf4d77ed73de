package dev.larder.backend.testing;

import static dev.larder.backend.testing.KafkaClients.consume;
import static dev.larder.backend.testing.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test broker is a real Kafka: it serves clients, stops, and comes back with its data. Plain JUnit, no Quarkus. */
class KafkaBrokerProcessTest {

    private static final String TOPIC = "larder.it.probe";

    @Test
    void brokerServesStopsAndComesBackWithItsData() throws Exception {
        Path dir = Path.of("target", "kafka-it-process-test-" + UUID.randomUUID().toString().substring(0, 8));
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir, KafkaBrokerProcess.freePort())) {
            Duration startup = broker.lastStartupTime();
            String bootstrap = broker.bootstrapServers();
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.serverLog()).exists();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(TOPIC, "ds-1", "before-stop")).get(30, TimeUnit.SECONDS);
            }
            assertThat(consume(bootstrap, "group-a", TOPIC, 1)).containsExactly("before-stop");

            try (KafkaProducer<String, String> impatient = producer(bootstrap, Map.of(
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000));
                    KafkaProducer<String, String> patient = producer(bootstrap, Map.of(
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000))) {
                // both know the topic's leader before the broker goes away
                assertThat(impatient.partitionsFor(TOPIC)).hasSize(1);
                assertThat(patient.partitionsFor(TOPIC)).hasSize(1);

                long stopBegin = System.nanoTime();
                broker.stop();
                long stopMillis = (System.nanoTime() - stopBegin) / 1_000_000;
                assertThat(broker.isRunning()).isFalse();

                // while it is down, a send with a short delivery timeout fails ...
                Future<RecordMetadata> expired = impatient.send(new ProducerRecord<>(TOPIC, "ds-1", "expired"));
                assertThatThrownBy(() -> expired.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
                // ... and one with long timeouts waits for the broker. Note: send() itself may block (up to
                // max.block.ms, default 60 s): kafka-clients 4.x rebootstraps when it reaches no broker and forgets
                // the topic's metadata, so the caller's thread waits for metadata. Hence another thread here.
                CompletableFuture<RecordMetadata> pending = CompletableFuture.supplyAsync(() -> {
                    try {
                        return patient.send(new ProducerRecord<>(TOPIC, "ds-1", "sent-while-down")).get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new CompletionException(e);
                    }
                });
                Thread.sleep(1000);
                assertThat(pending).isNotDone();

                broker.restart();
                Duration restart = broker.lastStartupTime();
                assertThat(pending.get(60, TimeUnit.SECONDS).offset()).isEqualTo(1);
                System.out.printf("Kafka test broker: started in %d ms, stopped in %d ms, restarted in %d ms (%s)%n",
                        startup.toMillis(), stopMillis, restart.toMillis(), broker);
            }

            // the records survived: a new group reads them from the start
            assertThat(consume(bootstrap, "group-b", TOPIC, 2)).containsExactly("before-stop", "sent-while-down");
            // the committed offset survived: group-a goes on after "before-stop"
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(TOPIC, "ds-1", "after-restart")).get(30, TimeUnit.SECONDS);
            }
            assertThat(consume(bootstrap, "group-a", TOPIC, 2)).containsExactly("sent-while-down", "after-restart");
        }
    }

    @Test
    void missingClasspathFileSaysHowToBuildIt(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> KafkaBrokerProcess.findClasspathFile(elsewhere))
                .hasMessageContaining("deploy/kafka-broker")
                .hasMessageContaining("Run ./mvnw verify from the repository root");

        String previous = System.getProperty(KafkaBrokerProcess.CLASSPATH_FILE_OVERRIDE);
        System.setProperty(KafkaBrokerProcess.CLASSPATH_FILE_OVERRIDE, "target/no-such-broker-classpath.txt");
        try {
            assertThatThrownBy(KafkaBrokerProcess::classpathFile).hasMessageContaining("is not a file");
        } finally {
            if (previous == null) {
                System.clearProperty(KafkaBrokerProcess.CLASSPATH_FILE_OVERRIDE);
            } else {
                System.setProperty(KafkaBrokerProcess.CLASSPATH_FILE_OVERRIDE, previous);
            }
        }
        assertThat(KafkaBrokerProcess.classpathFile()).exists();
        assertThat(KafkaBrokerProcess.brokerClasspath()).contains("kafka_2.13-");
    }
}
