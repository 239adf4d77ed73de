package dev.larder.backend.command.messaging;

import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.datachange.service.DataChangeService;
import dev.larder.backend.datachange.service.DataChangeViews.NewDataChange;
import dev.larder.backend.security.Caller;
import dev.larder.backend.migration.service.MigrationService;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventFormatException;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.SchemaValidation;
import dev.larder.events.datachange.DataChangeRequested;
import dev.larder.events.migration.MigrationRequested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads larder.commands.v1: migrations and scripted data changes. A record that is not a readable, valid command goes to larder.commands.v1.dlq with the
 * reason in the dead-letter-reason header (the connector's failure strategy), and consumption goes on. Records of
 * one datastore share a key, hence a partition, hence an order; partitions are consumed in parallel.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    private static final SchemaValidation SCHEMAS = new SchemaValidation();

    @Inject
    MigrationService migrations;

    @Inject
    RequestMetadata request;

    @Inject
    DataChangeService dataChanges;

    @Inject
    Caller caller;

    /** Thrown for records that cannot be acted on; the message becomes the dead-letter reason. */
    static class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    @Incoming("commands")
    @Blocking
    @ActivateRequestContext
    public void consume(ConsumerRecord<String, String> record) {
        request.channel("kafka");
        CloudEvent<?> event;
        try {
            event = EventJson.read(record.value() == null ? "" : record.value());
        } catch (EventFormatException e) {
            throw new Unreadable("not a readable CloudEvent: " + e.getMessage());
        }
        request.adoptCorrelationId(event.id());
        if (!EventTypes.isKnown(event.type()) || !EventTypes.find(event.type()).orElseThrow().isCommand()) {
            LOG.infof("Ignoring record of type %s on the command topic (offset %d)", event.type(), record.offset());
            return;
        }
        List<String> errors = SCHEMAS.validate(event.type(), record.value());
        if (!errors.isEmpty()) {
            throw new Unreadable("invalid " + event.type() + ": " + String.join("; ", errors));
        }
        switch (event.type()) {
            case EventTypes.MIGRATION_REQUESTED -> {
                try {
                    @SuppressWarnings("unchecked")
                    CloudEvent<MigrationRequested> command = (CloudEvent<MigrationRequested>) event;
                    migrations.handle(command);
                } catch (MigrationService.UnusableCommand e) {
                    throw new Unreadable(e.getMessage());
                }
            }
            case EventTypes.DATACHANGE_REQUESTED -> {
                @SuppressWarnings("unchecked")
                CloudEvent<DataChangeRequested> command = (CloudEvent<DataChangeRequested>) event;
                DataChangeRequested data = command.data();
                try {
                    long datastoreId = migrations.resolve(data.datastore());
                    caller.actAsSystem(data.requestedBy());
                    dataChanges.submitCommand(datastoreId, new NewDataChange(data.statements(), data.reason(),
                            data.ticket(), false), data.requestedBy(), data.commandId());
                } catch (MigrationService.UnusableCommand e) {
                    throw new Unreadable(e.getMessage());
                } catch (ProblemException e) {
                    throw new Unreadable("refused: " + e.getMessage());
                }
            }
            default -> throw new Unreadable(event.type() + " is not handled by this version of Larder yet");
        }
    }
}
