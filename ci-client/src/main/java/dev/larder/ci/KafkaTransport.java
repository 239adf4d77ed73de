package dev.larder.ci;

import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.migration.MigrationRequested;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka way: position a consumer at the end of the events topic (and the dead-letter topic), send the command,
 * then read until the answer with this command id arrives.
 */
final class KafkaTransport {

    /** Header the backend's dead-letter strategy (SmallRye Reactive Messaging) puts the reason in. */
    static final String DEAD_LETTER_REASON = "dead-letter-reason";

    /** The producer's default {@code max.request.size}; raised for a larger command. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private final String bootstrap;
    private final Map<String, String> common;
    private final Map<String, String> producerOnly;
    private final Map<String, String> consumerOnly;
    private final String commandsTopic;
    private final String eventsTopic;
    private final String deadLetterTopic;

    /**
     * @param properties extra client properties, {@code key=value}; {@code producer.} or {@code consumer.} in front
     *                   of the key applies it to that client only; they override every default set here
     */
    KafkaTransport(String bootstrap, List<String> properties, String commandsTopic, String eventsTopic,
            String deadLetterTopic) {
        this.bootstrap = bootstrap;
        this.common = new LinkedHashMap<>();
        this.producerOnly = new LinkedHashMap<>();
        this.consumerOnly = new LinkedHashMap<>();
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--kafka-property '" + property + "' is not key=value");
            }
            String key = property.substring(0, eq).trim();
            String value = property.substring(eq + 1);
            if (key.startsWith("producer.")) {
                producerOnly.put(key.substring("producer.".length()), value);
            } else if (key.startsWith("consumer.")) {
                consumerOnly.put(key.substring("consumer.".length()), value);
            } else {
                common.put(key, value);
            }
        }
        this.commandsTopic = commandsTopic;
        this.eventsTopic = eventsTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** The consumer's configuration: no group, nothing committed, only committed transactions read. */
    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "larder-ci-answers");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.putAll(common);
        config.putAll(consumerOnly);
        return config;
    }

    /** The producer's configuration for a command of {@code recordBytes} bytes: acks from every replica. */
    Map<String, Object> producerConfig(int recordBytes) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "larder-ci-commands");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // SQL compresses well, and the broker's size limit applies to the compressed batch; gzip needs no native code
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(Math.max(DEFAULT_MAX_REQUEST_SIZE, recordBytes + 64 * 1024)));
        config.putAll(common);
        config.putAll(producerOnly);
        return config;
    }

    /**
     * Sends the command and waits for its answer.
     *
     * @param progress receives progress lines (started on clusters …)
     * @param warn     receives warnings (unreadable answers)
     * @throws CliException 2 when Kafka cannot be reached, the send fails or the command is dead-lettered;
     *                      3 when no answer comes within {@code timeout}
     */
    Outcome submit(CloudEvent<MigrationRequested> command, Duration timeout, Consumer<String> progress,
            Consumer<String> warn) {
        String commandId = command.data().commandId();
        AnswerWatcher watcher = new AnswerWatcher(commandId);
        byte[] value = EventJson.writeBytes(command);
        Duration setupTimeout = min(timeout, Duration.ofSeconds(60));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(partitions(consumer, eventsTopic, setupTimeout, true));
            boolean watchDeadLetters = false;
            if (deadLetterTopic != null && !deadLetterTopic.isBlank()) {
                List<TopicPartition> dlq = partitions(consumer, deadLetterTopic, setupTimeout, false);
                watchDeadLetters = !dlq.isEmpty();
                partitions.addAll(dlq);
            }
            // Positioned at the end before sending, so even an answer faster than this process cannot be missed.
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            for (TopicPartition partition : partitions) {
                consumer.position(partition, setupTimeout);
            }

            RecordMetadata sent = send(command, value);
            progress.accept("Sent " + commandId + " to " + commandsTopic + " (partition " + sent.partition()
                    + ", offset " + sent.offset() + "); waiting up to " + seconds(timeout) + " for Larder's answer");

            long deadline = System.nanoTime() + timeout.toNanos();
            Set<Long> startedSeen = new HashSet<>();
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw CliException.timeout("no answer from Larder within " + seconds(timeout) + " for command "
                            + commandId + ". It was delivered and may still be queued or running; rerun the job"
                            + " unchanged to wait again (the same command id is answered, never applied twice),"
                            + " or check the migration in Larder.");
                }
                var records = consumer.poll(Duration.ofNanos(Math.min(remaining, TimeUnit.SECONDS.toNanos(1))));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (watchDeadLetters && record.topic().equals(deadLetterTopic)) {
                        if (watcher.isOwnCommand(record.value())) {
                            throw CliException.refused("Larder refused command " + commandId + " (it went to "
                                    + deadLetterTopic + "): " + deadLetterReason(record));
                        }
                        continue;
                    }
                    AnswerWatcher.Seen seen = watcher.onEvent(record.value());
                    if (seen instanceof AnswerWatcher.Answered answered) {
                        return answered.outcome();
                    } else if (seen instanceof AnswerWatcher.Started started) {
                        if (startedSeen.add(started.started().migrationId())) {
                            progress.accept(Report.started(started.started()));
                        }
                    } else if (seen instanceof AnswerWatcher.Unreadable unreadable) {
                        warn.accept("skipping an answer to " + commandId + " that does not fit the contract ("
                                + record.topic() + "-" + record.partition() + "@" + record.offset() + "): "
                                + unreadable.reason());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw CliException.refused("Kafka at " + bootstrap + " did not answer in time (" + e.getMessage()
                    + "); nothing was sent. Check --bootstrap and the --kafka-property settings (SASL/TLS).");
        } catch (AuthorizationException e) {
            throw CliException.refused("Kafka at " + bootstrap + " refused access: " + e.getMessage());
        } catch (KafkaException e) {
            throw CliException.refused("Kafka client error talking to " + bootstrap + ": " + e.getMessage());
        }
    }

    private RecordMetadata send(CloudEvent<MigrationRequested> command, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(commandsTopic, command.key(), value);
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(value.length),
                new StringSerializer(), new ByteArraySerializer());
        try {
            return producer.send(record).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String hint = cause instanceof RecordTooLargeException
                    ? " The command is " + value.length + " bytes before compression: raise max.message.bytes of "
                            + commandsTopic + ", or ship fewer files at a time."
                    : " It may or may not have arrived; rerunning is safe (the same command id is never applied"
                            + " twice).";
            throw CliException.refused("could not send the command to " + commandsTopic + " at " + bootstrap + ": "
                    + cause.getMessage() + "." + hint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.refused("interrupted while sending the command");
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout,
            boolean required) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (AuthorizationException e) {
            if (required) {
                throw e;
            }
            return List.of();
        }
        if (infos == null || infos.isEmpty()) {
            if (required) {
                throw CliException.refused("topic " + topic + " does not exist on Kafka at " + bootstrap
                        + "; is this Larder's Kafka cluster? Nothing was sent.");
            }
            return List.of();
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private static String deadLetterReason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(DEAD_LETTER_REASON);
        return reason == null || reason.value() == null ? "no reason given"
                : new String(reason.value(), StandardCharsets.UTF_8);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }
}
