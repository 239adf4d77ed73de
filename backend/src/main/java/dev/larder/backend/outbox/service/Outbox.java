package dev.larder.backend.outbox.service;

import dev.larder.backend.outbox.domain.OutboxEvent;
import dev.larder.backend.outbox.repository.OutboxRepository;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Writes events in the caller's transaction; the relay publishes them after commit. A state change and the event
 * that reports it therefore exist together or not at all, and an event survives a Kafka outage.
 */
@ApplicationScoped
public class Outbox {

    /** Fired after a transaction that wrote to the outbox commits, so the relay need not wait for its next poll. */
    public record Written() {
    }

    @Inject
    OutboxRepository events;

    @Inject
    Event<Written> written;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(CloudEvent<?> event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.topic = EventTypes.find(event.type()).map(type -> type.topic())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()));
        row.messageKey = event.key();
        row.type = event.type();
        row.payload = EventJson.write(event);
        row.createdAt = Instant.now();
        events.persist(row);
        written.fire(new Written());
    }

    /** Publishes an event again, same id and payload: the answer to a repeated command. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void republish(String eventId) {
        events.find("eventId = ?1 order by id desc", eventId).firstResultOptional().ifPresent(previous -> {
            OutboxEvent row = new OutboxEvent();
            row.eventId = previous.eventId;
            row.topic = previous.topic;
            row.messageKey = previous.messageKey;
            row.type = previous.type;
            row.payload = previous.payload;
            row.createdAt = Instant.now();
            events.persist(row);
            written.fire(new Written());
        });
    }
}
