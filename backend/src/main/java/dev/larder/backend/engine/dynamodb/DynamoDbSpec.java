package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The declared shape of a DynamoDB datastore's table: keys, global secondary indexes, billing mode, TTL attribute and
 * an optional tenant key for {@code dynamodb:LeadingKeys} conditions. Given as the create request's {@code spec},
 * stored normalised (defaults filled in), and changed only by migrations (add or remove an index, TTL, billing).
 * Every field is checked here, before any call reaches a server; a broken rule names its path.
 */
record DynamoDbSpec(Key partitionKey, Key sortKey, List<Index> indexes, String billingMode, Long readCapacity,
        Long writeCapacity, String ttlAttribute, String tenantKey) {

    static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";
    static final String PROVISIONED = "PROVISIONED";
    static final List<String> BILLING_MODES = List.of(PAY_PER_REQUEST, PROVISIONED);
    static final List<String> KEY_TYPES = List.of("S", "N", "B");
    static final List<String> PROJECTIONS = List.of("ALL", "KEYS_ONLY", "INCLUDE");
    /** AWS's default quota of GSIs per table. */
    static final int MAX_INDEXES = 20;
    static final long MAX_CAPACITY = 40_000;
    static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    static final String ATTRIBUTE_SHAPE = "a letter or '_' then letters, digits, '_' or '-' (at most 64)";
    static final Pattern INDEX = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{2,63}");
    static final String INDEX_SHAPE = "a letter then letters, digits, '_', '.' or '-' (3 to 64)";

    record Key(String name, String type) {
    }

    record Index(String name, Key partitionKey, Key sortKey, String projection, List<String> nonKeyAttributes,
            Long readCapacity, Long writeCapacity) {
    }

    DynamoDbSpec {
        indexes = List.copyOf(indexes);
    }

    /** Reads and checks a whole spec; a violation names the field's path inside it. */
    static DynamoDbSpec parse(JsonNode json) {
        JsonFields fields = JsonFields.object(json, "", Set.of("partitionKey", "sortKey", "globalSecondaryIndexes",
                "billingMode", "readCapacity", "writeCapacity", "ttlAttribute", "tenantKey"));
        List<Index> indexes = new ArrayList<>();
        for (JsonFields.Element element : fields.array("globalSecondaryIndexes", MAX_INDEXES)) {
            indexes.add(parseIndex(element.node(), element.path()));
        }
        DynamoDbSpec spec = new DynamoDbSpec(key(fields, "partitionKey", true), key(fields, "sortKey", false),
                indexes, fields.oneOf("billingMode", BILLING_MODES, PAY_PER_REQUEST),
                fields.optionalLong("readCapacity", 1, MAX_CAPACITY),
                fields.optionalLong("writeCapacity", 1, MAX_CAPACITY),
                fields.optionalText("ttlAttribute", ATTRIBUTE, ATTRIBUTE_SHAPE),
                fields.optionalText("tenantKey", ATTRIBUTE, ATTRIBUTE_SHAPE));
        spec.check(i -> "globalSecondaryIndexes[" + i + "]");
        return spec;
    }

    /** Reads one index definition (of a spec or of a migration's addIndex). */
    static Index parseIndex(JsonNode json, String path) {
        JsonFields fields = JsonFields.object(json, path, Set.of("name", "partitionKey", "sortKey", "projection",
                "nonKeyAttributes", "readCapacity", "writeCapacity"));
        List<String> nonKey = new ArrayList<>();
        for (JsonFields.Element element : fields.array("nonKeyAttributes", 20)) {
            if (!element.node().isTextual() || !ATTRIBUTE.matcher(element.node().textValue()).matches()) {
                throw new SpecViolation(element.path(), "pattern", "must be " + ATTRIBUTE_SHAPE);
            }
            nonKey.add(element.node().textValue());
        }
        String projection = fields.oneOf("projection", PROJECTIONS, "ALL");
        if ("INCLUDE".equals(projection) == nonKey.isEmpty()) {
            throw new SpecViolation(fields.path("nonKeyAttributes"), "projection",
                    "INCLUDE needs nonKeyAttributes; ALL and KEYS_ONLY take none");
        }
        return new Index(fields.text("name", INDEX, INDEX_SHAPE), key(fields, "partitionKey", true),
                key(fields, "sortKey", false), projection, nonKey,
                fields.optionalLong("readCapacity", 1, MAX_CAPACITY),
                fields.optionalLong("writeCapacity", 1, MAX_CAPACITY));
    }

    private static Key key(JsonFields parent, String field, boolean required) {
        if (!parent.has(field)) {
            if (required) {
                throw new SpecViolation(parent.path(field), "required", "is required: {\"name\": …, \"type\": S|N|B}");
            }
            return null;
        }
        JsonFields key = JsonFields.object(parent.node(field), parent.path(field), Set.of("name", "type"));
        return new Key(key.text("name", ATTRIBUTE, ATTRIBUTE_SHAPE), key.oneOf("type", KEY_TYPES, null));
    }

    /**
     * The rules that span fields. {@code indexPath} says where index {@code i} was written (in the spec's
     * {@code globalSecondaryIndexes}, or in a migration's addIndex), so a violation points at what the person wrote.
     */
    void check(IntFunction<String> indexPath) {
        if (sortKey != null && sortKey.name().equals(partitionKey.name())) {
            throw new SpecViolation("sortKey.name", "distinct", "must differ from the partition key");
        }
        boolean provisioned = PROVISIONED.equals(billingMode);
        if (provisioned && (readCapacity == null || writeCapacity == null)) {
            throw new SpecViolation(readCapacity == null ? "readCapacity" : "writeCapacity", "required",
                    "is required when billingMode is PROVISIONED");
        }
        if (!provisioned && (readCapacity != null || writeCapacity != null)) {
            throw new SpecViolation(readCapacity != null ? "readCapacity" : "writeCapacity", "billing",
                    "is only allowed when billingMode is PROVISIONED");
        }
        Map<String, String> types = new HashMap<>();
        types.put(partitionKey.name(), partitionKey.type());
        if (sortKey != null) {
            types.put(sortKey.name(), sortKey.type());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            String path = indexPath.apply(i);
            if (!names.add(index.name())) {
                throw new SpecViolation(path + ".name", "unique", "another index already has this name");
            }
            if (index.sortKey() != null && index.sortKey().name().equals(index.partitionKey().name())) {
                throw new SpecViolation(path + ".sortKey.name", "distinct", "must differ from the index's partition key");
            }
            if (!provisioned && (index.readCapacity() != null || index.writeCapacity() != null)) {
                throw new SpecViolation(path + (index.readCapacity() != null ? ".readCapacity" : ".writeCapacity"),
                        "billing", "is only allowed when billingMode is PROVISIONED");
            }
            sameType(types, index.partitionKey(), path + ".partitionKey.type");
            if (index.sortKey() != null) {
                sameType(types, index.sortKey(), path + ".sortKey.type");
            }
            if (tenantKey != null && !tenantKey.equals(index.partitionKey().name())) {
                throw new SpecViolation(path + ".partitionKey.name", "tenant-key", "must be the tenant key "
                        + tenantKey + ": dynamodb:LeadingKeys applies to every index's partition key");
            }
        }
        if (tenantKey != null && (!tenantKey.equals(partitionKey.name()) || !"S".equals(partitionKey.type()))) {
            throw new SpecViolation("tenantKey", "tenant-key",
                    "must name the partition key, of type S (dynamodb:LeadingKeys compares partition key values)");
        }
    }

    private static void sameType(Map<String, String> types, Key key, String path) {
        String known = types.putIfAbsent(key.name(), key.type());
        if (known != null && !known.equals(key.type())) {
            throw new SpecViolation(path, "type-conflict", "attribute " + key.name() + " is already declared with type "
                    + known);
        }
    }

    Index index(String name) {
        return indexes.stream().filter(index -> index.name().equals(name)).findFirst().orElse(null);
    }

    DynamoDbSpec withIndex(Index index) {
        List<Index> changed = new ArrayList<>(indexes);
        changed.add(index);
        return new DynamoDbSpec(partitionKey, sortKey, changed, billingMode, readCapacity, writeCapacity, ttlAttribute,
                tenantKey);
    }

    DynamoDbSpec withoutIndex(String name) {
        return new DynamoDbSpec(partitionKey, sortKey, indexes.stream().filter(i -> !i.name().equals(name)).toList(),
                billingMode, readCapacity, writeCapacity, ttlAttribute, tenantKey);
    }

    DynamoDbSpec withTtl(String attribute) {
        return new DynamoDbSpec(partitionKey, sortKey, indexes, billingMode, readCapacity, writeCapacity, attribute,
                tenantKey);
    }

    /** A new billing mode; index capacities are dropped when leaving PROVISIONED and default to the table's. */
    DynamoDbSpec withBilling(String mode, Long read, Long write) {
        List<Index> changed = PROVISIONED.equals(mode) ? indexes : indexes.stream().map(i -> new Index(i.name(),
                i.partitionKey(), i.sortKey(), i.projection(), i.nonKeyAttributes(), null, null)).toList();
        return new DynamoDbSpec(partitionKey, sortKey, changed, mode, read, write, ttlAttribute, tenantKey);
    }

    /** The normalised JSON Larder stores (defaults written out). */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("partitionKey", keyJson(partitionKey));
        if (sortKey != null) {
            json.set("sortKey", keyJson(sortKey));
        }
        ArrayNode list = json.putArray("globalSecondaryIndexes");
        for (Index index : indexes) {
            ObjectNode node = list.addObject().put("name", index.name());
            node.set("partitionKey", keyJson(index.partitionKey()));
            if (index.sortKey() != null) {
                node.set("sortKey", keyJson(index.sortKey()));
            }
            node.put("projection", index.projection());
            if (!index.nonKeyAttributes().isEmpty()) {
                index.nonKeyAttributes().forEach(node.putArray("nonKeyAttributes")::add);
            }
            putIfSet(node, "readCapacity", index.readCapacity());
            putIfSet(node, "writeCapacity", index.writeCapacity());
        }
        json.put("billingMode", billingMode);
        putIfSet(json, "readCapacity", readCapacity);
        putIfSet(json, "writeCapacity", writeCapacity);
        if (ttlAttribute != null) {
            json.put("ttlAttribute", ttlAttribute);
        }
        if (tenantKey != null) {
            json.put("tenantKey", tenantKey);
        }
        return json;
    }

    private static ObjectNode keyJson(Key key) {
        return JsonNodeFactory.instance.objectNode().put("name", key.name()).put("type", key.type());
    }

    private static void putIfSet(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
