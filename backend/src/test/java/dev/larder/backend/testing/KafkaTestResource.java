package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real Kafka broker for the tests: one broker JVM ({@link KafkaBrokerProcess}) per test JVM, data in
 * {@code backend/target/kafka-it-<random>}, published as system properties ({@value KafkaBrokerProcess#PID},
 * {@value KafkaBrokerProcess#PORT}, {@value KafkaBrokerProcess#DIR}, {@value KafkaBrokerProcess#CLASSPATH},
 * {@value KafkaBrokerProcess#BOOTSTRAP}).
 *
 * <p>Config given to the application: {@code kafka.bootstrap.servers} and {@code larder.it.kafka.bootstrap}, both
 * {@code 127.0.0.1:<port>}.
 *
 * <p>A test stops and restarts the broker with {@link KafkaBrokerProcess#stopFromSystemProperties()} and
 * {@link KafkaBrokerProcess#restartFromSystemProperties()} (same port, same data); these work whichever class loader
 * loaded the test. {@link #start()} reuses a broker already published in this JVM; {@link #stop()} stops the
 * published broker (the current pid, also after a test restarted it) unless init arg {@value #KEEP_RUNNING} is
 * {@code true}, in which case it lives until the JVM ends and the next Quarkus restart (another test profile) reuses it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code true} keeps the broker across Quarkus restarts until the JVM ends. Default false. */
    public static final String KEEP_RUNNING = "keepRunning";

    private boolean keepRunning;
    private boolean startedHere;

    @Override
    public void init(Map<String, String> initArgs) {
        keepRunning = Boolean.parseBoolean(initArgs.getOrDefault(KEEP_RUNNING, "false"));
    }

    @Override
    public Map<String, String> start() {
        Optional<KafkaBrokerProcess> published = KafkaBrokerProcess.fromSystemProperties();
        KafkaBrokerProcess broker;
        if (published.isPresent() && published.get().isRunning()) {
            broker = published.get();
            startedHere = false;
        } else if (published.isPresent()) {
            // published but stopped (a test stopped it and did not restart it): bring the same broker back
            KafkaBrokerProcess.restartFromSystemProperties();
            broker = KafkaBrokerProcess.fromSystemProperties().orElseThrow();
            startedHere = true;
        } else {
            Path dir = Path.of("target").toAbsolutePath()
                    .resolve("kafka-it-" + UUID.randomUUID().toString().substring(0, 8));
            broker = KafkaBrokerProcess.start(dir, KafkaBrokerProcess.freePort());
            broker.publishToSystemProperties();
            startedHere = true;
            System.out.println("KafkaTestResource: " + broker + " ready in " + broker.lastStartupTime().toMillis()
                    + " ms; log " + broker.serverLog());
        }
        String bootstrap = broker.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "larder.it.kafka.bootstrap", bootstrap);
    }

    @Override
    public void stop() {
        if (!startedHere || keepRunning) {
            return;
        }
        KafkaBrokerProcess.fromSystemProperties().ifPresent(KafkaBrokerProcess::stop);
        KafkaBrokerProcess.clearSystemProperties();
        startedHere = false;
    }
}
