package dev.larder.backend.testing;

import static dev.larder.backend.testing.KafkaClients.consume;
import static dev.larder.backend.testing.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * KafkaTestResource as Quarkus drives it, without Quarkus: one broker per JVM, published as system properties, and
 * restartable from a copy of KafkaBrokerProcess in another class loader (as a @QuarkusTest class may be).
 */
class KafkaTestResourceTest {

    private static final List<String> PUBLISHED = List.of(KafkaBrokerProcess.PID, KafkaBrokerProcess.PORT,
            KafkaBrokerProcess.DIR, KafkaBrokerProcess.CLASSPATH, KafkaBrokerProcess.BOOTSTRAP);

    @Test
    void oneBrokerPerJvmRestartableFromAnotherClassLoader() throws Exception {
        // A @QuarkusTest that ran earlier in this JVM may have published its broker: hide it while this test runs.
        Map<String, String> earlier = new HashMap<>();
        PUBLISHED.forEach(key -> {
            String value = System.getProperty(key);
            if (value != null) {
                earlier.put(key, value);
            }
        });
        KafkaBrokerProcess.clearSystemProperties();
        try {
            runScenario();
        } finally {
            earlier.forEach(System::setProperty);
        }
    }

    private void runScenario() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        long secondPid;
        try {
            String bootstrap = config.get("kafka.bootstrap.servers");
            assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(config).containsEntry("larder.it.kafka.bootstrap", bootstrap);
            assertThat(System.getProperty(KafkaBrokerProcess.BOOTSTRAP)).isEqualTo(bootstrap);
            assertThat(System.getProperty(KafkaBrokerProcess.PORT)).isEqualTo(bootstrap.substring(10));
            assertThat(Path.of(System.getProperty(KafkaBrokerProcess.DIR)))
                    .startsWith(Path.of("target").toAbsolutePath())
                    .satisfies(dir -> assertThat(dir.getFileName().toString()).startsWith("kafka-it-"));
            long firstPid = Long.parseLong(System.getProperty(KafkaBrokerProcess.PID));
            assertThat(ProcessHandle.of(firstPid)).isPresent();

            // topics are created on first use
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>("larder.it.auto", "ds-1", "one")).get(30, TimeUnit.SECONDS);
            }

            // another Quarkus start in the same JVM gets the same broker, and its stop() leaves it running
            KafkaTestResource again = new KafkaTestResource();
            again.init(Map.of());
            assertThat(again.start()).isEqualTo(config);
            again.stop();
            assertThat(KafkaBrokerProcess.isRunningFromSystemProperties()).isTrue();
            assertThat(System.getProperty(KafkaBrokerProcess.PID)).isEqualTo(String.valueOf(firstPid));

            // a test whose class loader has its own copy of KafkaBrokerProcess stops and restarts the broker
            try (URLClassLoader isolated = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader())) {
                Class<?> copy = isolated.loadClass(KafkaBrokerProcess.class.getName());
                assertThat(copy).isNotSameAs(KafkaBrokerProcess.class);
                copy.getMethod("stopFromSystemProperties").invoke(null);
                assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(KafkaBrokerProcess.isRunningFromSystemProperties()).isFalse();
                Duration restart = (Duration) copy.getMethod("restartFromSystemProperties").invoke(null);
                System.out.printf("KafkaTestResource: restarted from another class loader in %d ms%n",
                        restart.toMillis());
            }
            secondPid = Long.parseLong(System.getProperty(KafkaBrokerProcess.PID));
            assertThat(secondPid).isNotEqualTo(firstPid);
            assertThat(KafkaBrokerProcess.bootstrapFromSystemProperties()).isEqualTo(bootstrap);
            assertThat(consume(bootstrap, "resource-test", "larder.it.auto", 1)).containsExactly("one");
        } finally {
            resource.stop();
        }
        // the resource stopped the broker a test had restarted (the published pid, not the one it started)
        assertThat(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(System.getProperty(KafkaBrokerProcess.PID)).isNull();
        assertThat(System.getProperty(KafkaBrokerProcess.BOOTSTRAP)).isNull();
    }

    /** The test class path (Surefire publishes it; its java.class.path is a manifest-only jar). */
    private static URL[] testClassPath() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
