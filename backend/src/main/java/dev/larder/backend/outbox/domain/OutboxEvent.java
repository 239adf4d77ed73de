package dev.larder.backend.outbox.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event written with the state change it reports, waiting for the relay to publish it. */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The CloudEvent id: stable, so consumers deduplicate a republished event. */
    @Column(name = "event_id")
    public String eventId;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    public String type;

    /** The whole CloudEvent in structured mode. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;
}
