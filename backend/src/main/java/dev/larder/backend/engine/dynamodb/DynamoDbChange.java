package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One operation of a DynamoDB migration file ({@code V<n>__<description>.json}):
 *
 * <pre>{"operations": [
 *   {"op": "addIndex", "index": {"name": "byStatus", "partitionKey": {"name": "status", "type": "S"}}},
 *   {"op": "removeIndex", "name": "byStatus"},
 *   {"op": "setTtl", "attribute": "expiresAt"}, {"op": "removeTtl"},
 *   {"op": "setBilling", "billingMode": "PROVISIONED", "readCapacity": 5, "writeCapacity": 5}]}</pre>
 *
 * {@code changeKeys} is understood only to be refused: a table's keys cannot change in place. Each operation knows
 * how it changes the declared spec ({@link #applyTo}), which is how the lint and the shadow run follow the history.
 */
sealed interface DynamoDbChange {

    List<String> OPS = List.of("addIndex", "removeIndex", "setTtl", "removeTtl", "setBilling", "changeKeys");

    /** The spec after this operation; a {@link SpecViolation} with rule {@code conflict} when the state forbids it. */
    DynamoDbSpec applyTo(DynamoDbSpec spec, String path);

    record AddIndex(DynamoDbSpec.Index index) implements DynamoDbChange {
        @Override
        public DynamoDbSpec applyTo(DynamoDbSpec spec, String path) {
            if (spec.index(index.name()) != null) {
                throw new SpecViolation(path + ".index.name", "conflict", "the table already has index "
                        + index.name());
            }
            DynamoDbSpec changed = spec.withIndex(index);
            int added = changed.indexes().size() - 1;
            changed.check(i -> i == added ? path + ".index" : "globalSecondaryIndexes[" + i + "]");
            return changed;
        }
    }

    record RemoveIndex(String name) implements DynamoDbChange {
        @Override
        public DynamoDbSpec applyTo(DynamoDbSpec spec, String path) {
            if (spec.index(name) == null) {
                throw new SpecViolation(path + ".name", "conflict", "the table has no index " + name);
            }
            return spec.withoutIndex(name);
        }
    }

    record SetTtl(String attribute) implements DynamoDbChange {
        @Override
        public DynamoDbSpec applyTo(DynamoDbSpec spec, String path) {
            if (attribute.equals(spec.ttlAttribute())) {
                throw new SpecViolation(path + ".attribute", "conflict", "TTL is already on " + attribute);
            }
            return spec.withTtl(attribute);
        }
    }

    record RemoveTtl() implements DynamoDbChange {
        @Override
        public DynamoDbSpec applyTo(DynamoDbSpec spec, String path) {
            if (spec.ttlAttribute() == null) {
                throw new SpecViolation(path + ".op", "conflict", "the table has no TTL to remove");
            }
            return spec.withTtl(null);
        }
    }

    record SetBilling(String billingMode, Long readCapacity, Long writeCapacity) implements DynamoDbChange {
        @Override
        public DynamoDbSpec applyTo(DynamoDbSpec spec, String path) {
            DynamoDbSpec changed = spec.withBilling(billingMode, readCapacity, writeCapacity);
            if (changed.equals(spec)) {
                throw new SpecViolation(path + ".billingMode", "conflict", "the table is already billed this way");
            }
            try {
                changed.check(i -> "globalSecondaryIndexes[" + i + "]");
            } catch (SpecViolation e) {
                throw new SpecViolation(path + "." + e.path(), e.rule(), e.getMessage());
            }
            return changed;
        }
    }

    record ChangeKeys() implements DynamoDbChange {
        @Override
        public DynamoDbSpec applyTo(DynamoDbSpec spec, String path) {
            throw new SpecViolation(path + ".op", "change-keys", "a table's keys cannot change in place");
        }
    }

    /** The spec after every operation of a file, in order. */
    static DynamoDbSpec replay(DynamoDbSpec state, String content, ObjectMapper mapper) {
        List<DynamoDbChange> changes = parse(content, mapper);
        DynamoDbSpec next = state;
        for (int i = 0; i < changes.size(); i++) {
            next = changes.get(i).applyTo(next, "operations[" + i + "]");
        }
        return next;
    }

    /** Reads a migration file; a {@link SpecViolation} names the path inside it ({@code operations[1].index.name}). */
    static List<DynamoDbChange> parse(String content, ObjectMapper mapper) {
        JsonNode json;
        try {
            json = mapper.readTree(content);
        } catch (JsonProcessingException e) {
            throw new SpecViolation("", "json", "not valid JSON: " + e.getOriginalMessage());
        }
        JsonFields file = JsonFields.object(json, "", Set.of("operations"));
        List<JsonFields.Element> elements = file.array("operations", 10);
        if (elements.isEmpty()) {
            throw new SpecViolation("operations", "required", "needs at least one operation");
        }
        List<DynamoDbChange> changes = new ArrayList<>();
        for (JsonFields.Element element : elements) {
            JsonNode op = element.node().isObject() ? element.node().get("op") : null;
            String name = op != null && op.isTextual() ? op.textValue() : "";
            if (!OPS.contains(name)) {
                throw new SpecViolation(element.path() + ".op", "unknown-op", "must be one of " + String.join(", ", OPS));
            }
            changes.add(parseOne(name, element));
        }
        return changes;
    }

    private static DynamoDbChange parseOne(String op, JsonFields.Element element) {
        return switch (op) {
            case "addIndex" -> {
                JsonFields fields = JsonFields.object(element.node(), element.path(), Set.of("op", "index"));
                if (!fields.has("index")) {
                    throw new SpecViolation(fields.path("index"), "required", "is required");
                }
                yield new AddIndex(DynamoDbSpec.parseIndex(fields.node("index"), fields.path("index")));
            }
            case "removeIndex" -> new RemoveIndex(JsonFields.object(element.node(), element.path(), Set.of("op", "name"))
                    .text("name", DynamoDbSpec.INDEX, DynamoDbSpec.INDEX_SHAPE));
            case "setTtl" -> new SetTtl(JsonFields.object(element.node(), element.path(), Set.of("op", "attribute"))
                    .text("attribute", DynamoDbSpec.ATTRIBUTE, DynamoDbSpec.ATTRIBUTE_SHAPE));
            case "removeTtl" -> {
                JsonFields.object(element.node(), element.path(), Set.of("op"));
                yield new RemoveTtl();
            }
            case "setBilling" -> {
                JsonFields fields = JsonFields.object(element.node(), element.path(),
                        Set.of("op", "billingMode", "readCapacity", "writeCapacity"));
                yield new SetBilling(fields.oneOf("billingMode", DynamoDbSpec.BILLING_MODES, null),
                        fields.optionalLong("readCapacity", 1, DynamoDbSpec.MAX_CAPACITY),
                        fields.optionalLong("writeCapacity", 1, DynamoDbSpec.MAX_CAPACITY));
            }
            // Anything may follow changeKeys: it is refused as a whole.
            default -> new ChangeKeys();
        };
    }
}
