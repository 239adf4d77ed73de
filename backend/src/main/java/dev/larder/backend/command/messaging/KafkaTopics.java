package dev.larder.backend.command.messaging;

import dev.larder.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates Larder's topics at start-up when they are missing, with enough partitions for the command consumers to
 * work on several datastores at once. Where topics are managed elsewhere (Strimzi, Terraform) this finds them and
 * does nothing; if Kafka is unreachable it says so and start-up goes on.
 */
@ApplicationScoped
public class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    @ConfigProperty(name = "larder.kafka.partitions", defaultValue = "8")
    int partitions;

    @ConfigProperty(name = "larder.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @ConfigProperty(name = "larder.kafka.create-topics", defaultValue = "true")
    boolean createTopics;

    void create(@Observes @Priority(1) StartupEvent start) {
        if (!createTopics) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(Topics.COMMANDS, Topics.EVENTS, Topics.COMMANDS_DLQ).stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, replicationFactor)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                LOG.infof("Created Kafka topics %s with %d partitions", missing.stream().map(NewTopic::name).toList(),
                        partitions);
            }
        } catch (Exception e) {
            LOG.warnf("Could not check Larder's Kafka topics at %s (%s); continuing, the broker may create them",
                    bootstrapServers, e.getClass().getSimpleName());
        }
    }
}
