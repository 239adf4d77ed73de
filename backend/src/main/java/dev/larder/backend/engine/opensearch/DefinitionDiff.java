package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two declared states of an index family and says whether OpenSearch can take the change on the live index
 * (new fields, updatable mapping parameters, dynamic settings, aliases) or only on a new index that is filled by a
 * reindex (a field's type or analysis changed, a field removed, a static setting changed). The same judgement drives
 * the lint and the migration, so what the lint announces is what the migration does.
 */
record DefinitionDiff(List<Change> changes) {

    enum Kind {
        FIELD_REMOVED, FIELD_TYPE_CHANGED, FIELD_CHANGED, MAPPING_OPTION_CHANGED, STATIC_SETTING_CHANGED
    }

    /** One change the live index cannot take; {@code path} is the field (dotted) or setting. */
    record Change(Kind kind, String path, String detail) {
    }

    /** Mapping parameters OpenSearch updates on a live index (everything else on a field needs a new index). */
    private static final Set<String> UPDATABLE_FIELD_PARAMS = Set.of("ignore_above", "search_analyzer",
            "search_quote_analyzer", "meta", "dynamic", "ignore_malformed", "boost");
    private static final Set<String> UPDATABLE_MAPPING_OPTIONS = Set.of("properties", "dynamic", "dynamic_templates",
            "date_detection", "numeric_detection", "dynamic_date_formats", "_meta");
    /** Index settings OpenSearch changes on a live index ({@code x.*}: the whole group). */
    private static final List<String> DYNAMIC_SETTINGS = List.of("number_of_replicas", "auto_expand_replicas",
            "refresh_interval", "max_result_window", "max_inner_result_window", "max_rescore_window",
            "max_docvalue_fields_search", "max_script_fields", "max_ngram_diff", "max_shingle_diff",
            "max_refresh_listeners", "max_terms_count", "max_regex_length", "max_slices_per_scroll",
            "highlight.max_analyzed_offset", "analyze.max_token_count", "default_pipeline", "final_pipeline",
            "search.idle.after", "gc_deletes", "query.default_field", "unassigned.node_left.delayed_timeout",
            "routing.allocation.*", "routing.rebalance.*", "blocks.*", "search.slowlog.*", "indexing.slowlog.*",
            "mapping.total_fields.limit", "mapping.depth.limit", "mapping.nested_fields.limit",
            "mapping.nested_objects.limit", "mapping.field_name_length.limit", "translog.durability",
            "translog.sync_interval", "translog.flush_threshold_size", "merge.policy.*", "merge.scheduler.*");

    static DefinitionDiff between(IndexDefinition before, IndexDefinition after) {
        List<Change> changes = new ArrayList<>();
        mappingOptions(before.mappings(), after.mappings(), changes);
        properties("", before.mappings().path("properties"), after.mappings().path("properties"), changes, false);
        settings(before.settings(), after.settings(), changes);
        return new DefinitionDiff(List.copyOf(changes));
    }

    boolean compatible() {
        return changes.isEmpty();
    }

    List<Change> ofKind(Kind kind) {
        return changes.stream().filter(change -> change.kind() == kind).toList();
    }

    /** Fields whose values a reindex must drop from the documents (removed object properties, not multi-fields). */
    List<String> removedSourceFields() {
        return changes.stream().filter(change -> change.kind() == Kind.FIELD_REMOVED && !change.detail()
                .startsWith("multi-field")).map(Change::path).toList();
    }

    static boolean isDynamicSetting(String key) {
        for (String dynamic : DYNAMIC_SETTINGS) {
            if (dynamic.endsWith(".*") ? key.startsWith(dynamic.substring(0, dynamic.length() - 1))
                    : key.equals(dynamic)) {
                return true;
            }
        }
        return false;
    }

    private static void mappingOptions(ObjectNode before, ObjectNode after, List<Change> changes) {
        for (String key : union(before, after)) {
            if (!UPDATABLE_MAPPING_OPTIONS.contains(key) && !Objects.equals(before.get(key), after.get(key))) {
                changes.add(new Change(Kind.MAPPING_OPTION_CHANGED, key, "mapping option " + key + " changed"));
            }
        }
    }

    private static void properties(String prefix, JsonNode before, JsonNode after, List<Change> changes,
            boolean multiFields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = prefix + entry.getKey();
            JsonNode old = entry.getValue();
            JsonNode now = after.get(entry.getKey());
            if (now == null) {
                changes.add(new Change(Kind.FIELD_REMOVED, path, (multiFields ? "multi-field " : "field ") + path
                        + " (" + type(old) + ") removed"));
                continue;
            }
            if (!type(old).equals(type(now))) {
                changes.add(new Change(Kind.FIELD_TYPE_CHANGED, path, "field " + path + " changes type from "
                        + type(old) + " to " + type(now)));
                continue;
            }
            for (String param : union(old, now)) {
                if (param.equals("properties") || param.equals("fields") || UPDATABLE_FIELD_PARAMS.contains(param)) {
                    continue;
                }
                if (!Objects.equals(old.get(param), now.get(param))) {
                    changes.add(new Change(Kind.FIELD_CHANGED, path, "field " + path + " changes " + param
                            + " (" + old.path(param) + " → " + now.path(param) + ")"));
                }
            }
            properties(path + ".", old.path("properties"), now.path("properties"), changes, false);
            properties(path + ".", old.path("fields"), now.path("fields"), changes, true);
        }
    }

    private static void settings(Map<String, JsonNode> before, Map<String, JsonNode> after, List<Change> changes) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key)) && !isDynamicSetting(key)) {
                changes.add(new Change(Kind.STATIC_SETTING_CHANGED, key, "static index setting " + key + " changed ("
                        + (before.containsKey(key) ? before.get(key) : "unset") + " → "
                        + (after.containsKey(key) ? after.get(key) : "unset") + ")"));
            }
        }
    }

    private static String type(JsonNode field) {
        if (field.has("type")) {
            return field.get("type").asText();
        }
        return "object";
    }

    private static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> keys = new TreeSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
