package dev.larder.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes and reads Larder CloudEvents as structured-mode JSON. Thread-safe; all methods are static.
 *
 * <p>Reading is tolerant where the contract promises tolerance and strict where a consumer cannot go on:
 * unknown fields are ignored, an unknown {@code type} yields an envelope whose data is the raw {@link JsonNode},
 * but input that is not JSON, lacks a required envelope attribute, or whose data does not fit the record of a
 * known type is an {@link EventFormatException} whose message can go to the DLQ as the reason.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    /**
     * The mapper used here, for code that needs to bind parts of an event itself. Do not reconfigure it; call
     * {@code copy()} first if you need other settings.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The event as a JSON string, ready to be the Kafka record value. */
    public static String write(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // Only records of this module are written; failing here is a programming error, not bad input.
            throw new IllegalArgumentException("cannot serialise event " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] writeBytes(CloudEvent<?> event) {
        return write(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an envelope and binds its data to the record registered for its type. For an unknown type the data
     * stays a {@link JsonNode}: consumers skip types they do not know instead of failing.
     */
    public static CloudEvent<?> read(String json) throws EventFormatException {
        if (json == null || json.isBlank()) {
            throw new EventFormatException("empty record value: expected a CloudEvent JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
        return fromTree(root);
    }

    public static CloudEvent<?> read(byte[] json) throws EventFormatException {
        if (json == null) {
            throw new EventFormatException("empty record value: expected a CloudEvent JSON object");
        }
        return read(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Reads an envelope whose type must bind to {@code dataClass}; for a consumer that has already filtered on
     * {@code type}.
     */
    public static <T> CloudEvent<T> read(String json, Class<T> dataClass) throws EventFormatException {
        CloudEvent<?> event = read(json);
        if (!dataClass.isInstance(event.data())) {
            throw new EventFormatException("event " + event.id() + " of type " + event.type()
                    + " does not carry " + dataClass.getSimpleName());
        }
        @SuppressWarnings("unchecked")
        CloudEvent<T> typed = (CloudEvent<T>) event;
        return typed;
    }

    private static CloudEvent<?> fromTree(JsonNode root) throws EventFormatException {
        if (root == null || !root.isObject()) {
            throw new EventFormatException("expected a CloudEvent JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        String specversion = requiredText(root, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw new EventFormatException("unsupported specversion '" + specversion + "': expected "
                    + CloudEvent.SPEC_VERSION);
        }
        String id = requiredText(root, "id");
        String source = requiredText(root, "source");
        String type = requiredText(root, "type");
        String subject = optionalText(root, "subject");
        String datacontenttype = optionalText(root, "datacontenttype");
        Instant time = time(root);

        JsonNode dataNode = root.get("data");
        Object data = dataNode;
        Class<?> dataClass = EventTypes.dataClass(type).orElse(null);
        if (dataClass != null) {
            if (dataNode == null || !dataNode.isObject()) {
                throw new EventFormatException("event " + id + " of type " + type + ": 'data' must be a JSON object");
            }
            try {
                data = MAPPER.treeToValue(dataNode, dataClass);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
                throw new EventFormatException("event " + id + " of type " + type + ": data does not fit "
                        + dataClass.getSimpleName() + ": " + why, e);
            }
        }
        return new CloudEvent<>(specversion, id, source, type, subject, time, datacontenttype, data);
    }

    private static Instant time(JsonNode root) throws EventFormatException {
        String text = optionalText(root, "time");
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.convertValue(text, Instant.class);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("attribute 'time' is not an RFC 3339 timestamp: '" + text + "'", e);
        }
    }

    private static String requiredText(JsonNode root, String attribute) throws EventFormatException {
        String value = optionalText(root, attribute);
        if (value == null || value.isBlank()) {
            throw new EventFormatException("missing CloudEvent attribute '" + attribute + "'");
        }
        return value;
    }

    private static String optionalText(JsonNode root, String attribute) throws EventFormatException {
        JsonNode node = root.get(attribute);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new EventFormatException("CloudEvent attribute '" + attribute + "' must be a string");
        }
        return node.textValue();
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() != null) {
            return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return "";
    }
}
