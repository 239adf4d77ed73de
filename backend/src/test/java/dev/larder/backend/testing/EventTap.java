package dev.larder.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from "now" on, as CI would wait for its answer: positioned at the end before the test acts, then
 * waiting for records that match.
 */
public final class EventTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public EventTap(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tap-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Waits for the first record (since the tap opened) whose parsed value matches, and returns it. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        ConsumerRecord<String, String> record = awaitRecord(r -> match.test(parse(r.value())), timeout);
        return record == null ? null : parse(record.value());
    }

    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (ConsumerRecord<String, String> record : seen) {
                if (match.test(record)) {
                    return record;
                }
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        } while (System.nanoTime() < deadline);
        for (ConsumerRecord<String, String> record : seen) {
            if (match.test(record)) {
                return record;
            }
        }
        return null;
    }

    /** Every record seen so far whose parsed value matches (after polling for a while). */
    public List<JsonNode> all(Predicate<JsonNode> match, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.stream().map(record -> parse(record.value())).filter(match).toList();
    }

    public static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.valueToTree(Map.of("unreadable", String.valueOf(value)));
        }
    }

    /** Matches an event of the given type answering the given command id. */
    public static Predicate<JsonNode> answer(String type, String commandId) {
        return event -> type.equals(event.path("type").asText())
                && commandId.equals(event.path("data").path("commandId").asText());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
