package dev.larder.bench;

import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.Topics;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces migration commands to larder.commands.v1 as CI does (structured CloudEvent, keyed by datastore id, acks
 * from every replica, idempotent), without waiting for each acknowledgement: {@link #flush} waits for all of them.
 */
final class CommandSender implements AutoCloseable {

    private static final String SOURCE = "/bench/migrations";
    private static final String REQUESTED_BY = "bench@larder.local";

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Map<Integer, Integer> perPartition = new ConcurrentHashMap<>();

    CommandSender(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-commands",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends (asynchronously) the command to apply {@code files} to the datastore. */
    void send(String commandId, long datastoreId, List<MigrationFileSpec> files) {
        DatastoreRef datastore = DatastoreRef.byId(datastoreId);
        CloudEvent<MigrationRequested> command = CloudEvent.of(EventTypes.MIGRATION_REQUESTED, SOURCE,
                datastore.key(), new MigrationRequested(commandId, datastore, files, REQUESTED_BY, null));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS, command.key(),
                EventJson.writeBytes(command));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                perPartition.merge(metadata.partition(), 1, Integer::sum);
            }
        });
    }

    /** Waits until Kafka acknowledged everything sent so far; throws if any send failed. */
    void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a command could not be sent to " + Topics.COMMANDS, e);
        }
    }

    /**
     * How many commands went to each partition since the last call; call it after {@link #flush}. One backend consumer
     * works on a partition, one record at a time.
     */
    Map<Integer, Integer> takePartitionCounts() {
        Map<Integer, Integer> counts = new TreeMap<>(perPartition);
        perPartition.clear();
        return counts;
    }

    @Override
    public void close() {
        producer.close();
    }
}
