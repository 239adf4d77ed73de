package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one migration file declares: the index family's <b>complete</b> mappings and settings as they should be after
 * the file, and the extra aliases it wants. Complete, not a delta, so that a removed field is visible as a removal
 * and a new index can be created from the file alone. Format ({@code V<n>__<description>.json}):
 *
 * <pre>{"mappings": {"properties": {...}, "dynamic": ...}, "settings": {"analysis": {...}, "refresh_interval": "5s"},
 * "aliases": {"shop-orders-current": {}}}</pre>
 *
 * All three keys are optional; nothing else is allowed at the top. {@code mappings._meta} is Larder's (it holds the
 * applied history). Settings are flattened to dotted keys without the {@code index.} prefix; values stay JSON (lists
 * of analysis filters, numbers, strings) and compare as written.
 */
record IndexDefinition(ObjectNode mappings, Map<String, JsonNode> settings, ObjectNode aliases) {

    static final Set<String> KEYS = Set.of("mappings", "settings", "aliases");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The declared state before the first file: an index with no mapping, no setting, no extra alias. */
    static IndexDefinition empty() {
        return new IndexDefinition(NODES.objectNode(), Map.of(), NODES.objectNode());
    }

    /** A file that cannot be read as a definition: the rule it breaks and a message for the team. */
    static final class Invalid extends Exception {
        private final String rule;

        Invalid(String rule, String message) {
            super(message, null, false, false);
            this.rule = rule;
        }

        String rule() {
            return rule;
        }
    }

    static IndexDefinition parse(ObjectMapper json, String content) throws Invalid {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new Invalid(OpenSearchLint.INVALID_JSON, "not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid(OpenSearchLint.INVALID_JSON, "must be a JSON object with mappings, settings, aliases");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new Invalid(OpenSearchLint.UNKNOWN_KEY, "unknown key '" + key + "': a migration file holds"
                        + " only mappings, settings and aliases of its own index family");
            }
        }
        ObjectNode mappings = object(root, "mappings");
        if (mappings.has("_meta")) {
            throw new Invalid(OpenSearchLint.UNKNOWN_KEY, "mappings._meta is Larder's (it records the applied"
                    + " migrations); put your own notes in a field's \"meta\"");
        }
        Map<String, JsonNode> settings = new TreeMap<>();
        flatten("", object(root, "settings"), settings);
        return new IndexDefinition(mappings, Map.copyOf(settings), object(root, "aliases"));
    }

    private static ObjectNode object(JsonNode root, String key) throws Invalid {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return NODES.objectNode();
        }
        if (!node.isObject()) {
            throw new Invalid(OpenSearchLint.INVALID_JSON, key + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = prefix + entry.getKey();
            if (prefix.isEmpty() && key.startsWith("index.")) {
                key = key.substring("index.".length());
            } else if (prefix.isEmpty() && key.equals("index") && entry.getValue().isObject()) {
                flatten("", entry.getValue(), out);
                continue;
            }
            if (entry.getValue().isObject()) {
                flatten(key + ".", entry.getValue(), out);
            } else {
                out.put(key, entry.getValue());
            }
        }
    }

    /** The settings as OpenSearch takes them ({@code index.<key>}). */
    ObjectNode settingsBody() {
        ObjectNode body = NODES.objectNode();
        settings.forEach((key, value) -> body.set("index." + key, value));
        return body;
    }

    Set<String> aliasNames() {
        Set<String> names = new java.util.TreeSet<>();
        aliases.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
