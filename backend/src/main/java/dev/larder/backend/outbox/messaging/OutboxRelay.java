package dev.larder.backend.outbox.messaging;

import dev.larder.backend.outbox.domain.OutboxEvent;
import dev.larder.backend.outbox.repository.OutboxRepository;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.outbox.service.OutboxConfig;
import dev.larder.events.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in the order they were written, and marks them published once Kafka acknowledged
 * them (acks=all, idempotent producer). One replica relays at a time (a row lock); if Kafka is down the rows wait and
 * go out when it is back. A crash between publish and mark sends an event twice, with the same id: consumers
 * deduplicate on it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;

    void start(@Observes StartupEvent start) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() * 2);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "larder-outbox-relay");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::loop, "larder-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        wake.release();
        try {
            if (thread != null) {
                thread.join(config.sendTimeout().toMillis() * 3);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
        }
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        wake.release();
    }

    private void loop() {
        while (running) {
            int published;
            try {
                published = relayOnce();
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
                published = 0;
            }
            if (published == 0) {
                try {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round: publish pending rows in order until one fails or the batch is done. Returns how many went out. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!outbox.tryLockRelay()) {
                return 0;
            }
            List<OutboxEvent> pending = outbox.pending(config.batchSize());
            int published = 0;
            for (OutboxEvent event : pending) {
                ProducerRecord<String, String> record = new ProducerRecord<>(event.topic, event.messageKey,
                        event.payload);
                record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                        CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                try {
                    producer.send(record).get(config.sendTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    event.attempts++;
                    event.lastError = truncate(String.valueOf(e.getCause() == null ? e : e.getCause()));
                    LOG.warnf("Kafka did not take event %s (%s); it stays in the outbox", event.eventId,
                            event.lastError);
                    break;
                }
                event.publishedAt = Instant.now();
                published++;
            }
            return published;
        });
    }

    private static String truncate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
