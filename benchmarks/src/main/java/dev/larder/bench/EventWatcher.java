package dev.larder.bench;

import dev.larder.events.CloudEvent;
import dev.larder.events.EventFormatException;
import dev.larder.events.EventJson;
import dev.larder.events.Topics;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationSucceeded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads larder.events.v1 (and the command dead-letter topic) from their ends as they were when it was created, on a
 * thread of its own, and notes when each command's MigrationSucceeded arrived. Any MigrationFailed or dead-lettered
 * command stops the benchmark: the benchmark sends nothing that should fail.
 */
final class EventWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final Map<String, Long> arrivals = new HashMap<>();
    private String failure;
    private volatile boolean running = true;

    EventWatcher(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-events",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.EVENTS, Topics.COMMANDS_DLQ)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the positions now: an event that arrives before the first poll must not be skipped.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        thread = new Thread(this::poll, "bench-events");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until every command in {@code commandIds} has succeeded and returns when each answer arrived
     * ({@link System#nanoTime}).
     *
     * @throws IllegalStateException on a failed or dead-lettered command, or when no awaited answer arrived for
     *                               {@code stall}
     */
    synchronized Map<String, Long> awaitSucceeded(Collection<String> commandIds, Duration stall)
            throws InterruptedException {
        int seen = -1;
        long progressAt = 0;
        while (true) {
            if (failure != null) {
                throw new IllegalStateException("a migration did not succeed:\n" + failure);
            }
            int arrived = (int) commandIds.stream().filter(arrivals::containsKey).count();
            if (arrived == commandIds.size()) {
                Map<String, Long> result = new HashMap<>();
                commandIds.forEach(id -> result.put(id, arrivals.get(id)));
                return result;
            }
            long now = System.nanoTime();
            if (arrived != seen) {
                seen = arrived;
                progressAt = now;
            } else if (now - progressAt > stall.toNanos()) {
                throw new IllegalStateException("no answer for " + stall.toSeconds() + " s; " + arrived + " of "
                        + commandIds.size() + " migrations succeeded (see benchmarks/target/backend.log)");
            }
            wait(1000);
        }
    }

    private void poll() {
        try (consumer) {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                synchronized (this) {
                    for (ConsumerRecord<String, String> record : records) {
                        onRecord(record, now);
                    }
                    notifyAll();
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = "the events consumer stopped: " + e;
                notifyAll();
            }
        }
    }

    private void onRecord(ConsumerRecord<String, String> record, long now) {
        if (record.topic().equals(Topics.COMMANDS_DLQ)) {
            Header reason = record.headers().lastHeader("dead-letter-reason");
            failure = "dead-lettered (" + (reason == null ? "no reason" : new String(reason.value(),
                    StandardCharsets.UTF_8)) + "): " + record.value();
            return;
        }
        CloudEvent<?> event;
        try {
            event = EventJson.read(record.value());
        } catch (EventFormatException e) {
            failure = "unreadable event (" + e.getMessage() + "): " + record.value();
            return;
        }
        if (event.data() instanceof MigrationSucceeded succeeded) {
            arrivals.putIfAbsent(succeeded.commandId(), now);
        } else if (event.data() instanceof MigrationFailed && failure == null) {
            failure = record.value();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
