package dev.larder.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured mode: this whole record, as JSON, is the Kafka record value.
 * Component names are the CloudEvents attribute names, so Jackson writes them as the spec spells them.
 *
 * <p>{@code subject} is also the Kafka key: the datastore id, or {@code <service>/<name>/<environment>} for a
 * command that names its datastore (see {@link dev.larder.events.common.DatastoreRef#key()}).
 * {@code id} is stable across retries and is what consumers deduplicate on.
 *
 * @param <T> the data record, chosen by {@code type} (see {@link EventTypes})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"})
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    /** {@code datacontenttype} of every Larder event: {@code data} is a JSON object. */
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Value of the Kafka {@code content-type} header for a structured-mode record. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** Kafka header that marks the record as a structured CloudEvent (CloudEvents Kafka protocol binding). */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** {@code source} of everything the backend publishes. */
    public static final String BACKEND_SOURCE = "/larder/backend";

    public CloudEvent {
        requireText(specversion, "specversion");
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
    }

    /** A new event with a random UUID id and the current time (millisecond precision). */
    public static <T> CloudEvent<T> of(String type, String source, String subject, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), DATA_CONTENT_TYPE, data);
    }

    /** A new event whose type is looked up from the data record's class in {@link EventTypes}. */
    public static <T> CloudEvent<T> of(String source, String subject, T data) {
        return of(EventTypes.typeOf(data.getClass()), source, subject, data);
    }

    /**
     * The same event with a deterministic id, e.g. derived from the outbox row, so a republished event is
     * recognised as a duplicate.
     */
    public CloudEvent<T> withId(String newId) {
        return new CloudEvent<>(specversion, newId, source, type, subject, time, datacontenttype, data);
    }

    /** The same event with another time, e.g. the commit time of the state change it reports. */
    public CloudEvent<T> withTime(Instant newTime) {
        return new CloudEvent<>(specversion, id, source, type, subject, newTime, datacontenttype, data);
    }

    /** The Kafka record key: the subject. */
    public String key() {
        return subject;
    }

    private static void requireText(String value, String attribute) {
        Objects.requireNonNull(value, () -> "CloudEvent attribute '" + attribute + "' is required");
        if (value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + attribute + "' must not be blank");
        }
    }
}
