package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one JSON object of a spec or migration file field by field, keeping the path for messages, and refuses
 * fields nobody declared: a typo such as {@code "billingmode"} must fail rather than silently fall back to a default.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}, checked to hold only {@code allowed} fields. */
    static JsonFields object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new SpecViolation(path.isEmpty() ? "" : path, "type", "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new SpecViolation(child(path, name), "unknown-field", "unknown field; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonFields(node, path);
    }

    String path(String field) {
        return child(path, field);
    }

    /** Null and "" count as absent: forms (Backstage's) send optional fields left empty as "". */
    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull() && !(value.isTextual() && value.textValue().isEmpty());
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    String text(String field, Pattern pattern, String shape) {
        JsonNode value = node.get(field);
        if (!has(field)) {
            throw new SpecViolation(path(field), "required", "is required");
        }
        if (!value.isTextual()) {
            throw new SpecViolation(path(field), "type", "must be a string");
        }
        if (!pattern.matcher(value.textValue()).matches()) {
            throw new SpecViolation(path(field), "pattern", "must be " + shape);
        }
        return value.textValue();
    }

    String optionalText(String field, Pattern pattern, String shape) {
        return has(field) ? text(field, pattern, shape) : null;
    }

    String oneOf(String field, List<String> values, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw new SpecViolation(path(field), "required", "is required; one of " + String.join(", ", values));
        }
        if (!value.isTextual() || !values.contains(value.textValue())) {
            throw new SpecViolation(path(field), "enum", "must be one of " + String.join(", ", values));
        }
        return value.textValue();
    }

    Long optionalLong(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new SpecViolation(path(field), "type", "must be a whole number");
        }
        if (value.longValue() < min || value.longValue() > max) {
            throw new SpecViolation(path(field), "range", "must be between " + min + " and " + max);
        }
        return value.longValue();
    }

    /** The elements of an array field (empty when absent), each with its own path. */
    List<Element> array(String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new SpecViolation(path(field), "type", "must be a JSON array");
        }
        if (value.size() > maxItems) {
            throw new SpecViolation(path(field), "max-items", "at most " + maxItems + " entries");
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(new Element(value.get(i), path(field) + "[" + i + "]"));
        }
        return elements;
    }

    record Element(JsonNode node, String path) {
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
