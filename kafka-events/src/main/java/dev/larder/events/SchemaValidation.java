package dev.larder.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.ClasspathResourceLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a whole CloudEvent (envelope and data) against the JSON Schema of its type, loaded from this
 * module's classpath: no network, ever. The backend runs it on every incoming command before acting on it;
 * the build runs it on every example and on records serialised by {@link EventJson}.
 *
 * <p>Thread-safe; schemas are compiled on first use and cached, so keep one instance.
 */
public final class SchemaValidation {

    /** The {@code $id} prefix of every Larder schema; mapped to {@code classpath:schemas/}. */
    public static final String SCHEMA_ID_PREFIX = "https://larder.dev/schemas/";

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public SchemaValidation() {
        ClassLoader loader = SchemaValidation.class.getClassLoader();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_PATH)
                        .build())
                .schemaLoader(schemaLoader -> schemaLoader
                        .fetchRemoteResources(false)
                        .schemaIdResolvers(resolvers -> resolvers.mapPrefix(SCHEMA_ID_PREFIX, "classpath:schemas/"))
                        .resourceLoaders(loaders -> loaders.add(new ClasspathResourceLoader(() -> loader)))));
    }

    /** True when this version of the contract has a schema for {@code type}. */
    public boolean hasSchema(String type) {
        return EventTypes.isKnown(type);
    }

    /**
     * Validates {@code json} as a CloudEvent of {@code type}.
     *
     * @return one line per problem, each naming the JSON path, e.g.
     *         {@code $.data.files[0].sha256: does not match the regex pattern ^[a-f0-9]{64}$}; empty when valid
     */
    public List<String> validate(String type, String json) {
        EventType eventType = EventTypes.find(type).orElse(null);
        if (eventType == null) {
            return List.of("no schema for type '" + type + "'");
        }
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            return List.of("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("empty record value: expected a CloudEvent JSON object");
        }
        return schemaFor(eventType).validate(node).stream()
                .map(SchemaValidation::describe)
                .toList();
    }

    /** Validates {@code json} against the schema of the type it declares itself. */
    public List<String> validate(String json) {
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            return List.of("not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode type = node == null ? null : node.get("type");
        if (type == null || !type.isTextual()) {
            return List.of("$.type: required CloudEvent attribute is missing or not a string");
        }
        return validate(type.textValue(), json);
    }

    private Schema schemaFor(EventType eventType) {
        return schemas.computeIfAbsent(eventType.type(), key -> {
            Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX
                    + eventType.schemaPath().substring("schemas/".length())));
            schema.initializeValidators();
            return schema;
        });
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
        return message.startsWith(location) ? message : location + ": " + message;
    }
}
