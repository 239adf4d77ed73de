package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.MigrationFailure;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies migration files to an index family with the datastore's own login.
 *
 * <ul>
 *   <li>The alias {@code <family>} points at exactly one index {@code <family>-v<n>}. Its mapping's {@code
 *       _meta.larder.history} lists the files applied so far; applied files are skipped.</li>
 *   <li>A file whose change the live index can take ({@link DefinitionDiff#compatible()}) is applied in place:
 *       dynamic settings, then the mapping together with the new history entry (one request, so the record and the
 *       change land together). Should OpenSearch still refuse the change as a conflict, the file takes the reindex
 *       path instead.</li>
 *   <li>Any other file creates {@code <family>-v<n+1>} with the file's full mappings and settings, blocks writes on
 *       the old index (they are refused, not lost), reindexes into the new one (dropping removed fields from the
 *       documents), swaps the alias in one {@code _aliases} request and deletes the old index. Readers of the alias
 *       see the old index until the swap and the complete new one after it: never a gap.</li>
 *   <li>A run cut short leaves {@code _meta.larder.reindexing} on the old index; the next run (or repair) deletes
 *       the half-filled new index and lifts the write block before anything else.</li>
 * </ul>
 */
@ApplicationScoped
class OpenSearchMigrator {

    private static final Logger LOG = Logger.getLogger(OpenSearchMigrator.class);
    /** Drops removed fields (dotted paths) from each document during a reindex. */
    private static final String DROP_FIELDS = """
            for (String path : params.removed) {
              String[] parts = path.splitOnToken('.');
              def node = ctx._source;
              for (int i = 0; i < parts.length - 1 && node instanceof Map; i++) { node = node.get(parts[i]); }
              if (node instanceof Map) { node.remove(parts[parts.length - 1]); }
            }""";

    private final OpenSearchClients clients;
    private final OpenSearchConfig config;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    OpenSearchMigrator(OpenSearchClients clients, OpenSearchConfig config, ObjectMapper json) {
        this.clients = clients;
        this.config = config;
        this.json = json;
    }

    /** The family's current index and what Larder recorded on it. */
    private record Current(String index, int version, ObjectNode larderMeta) {
        ArrayNode history() {
            return larderMeta.withArray("history");
        }

        Set<String> versions() {
            Set<String> versions = new LinkedHashSet<>();
            history().forEach(entry -> versions.add(entry.path("version").asText()));
            return versions;
        }
    }

    MigrationOutcome migrate(ClusterEndpoint cluster, Tenant tenant, Secret password, List<MigrationScript> scripts) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession session = clients.forReindex(cluster, tenant.login(), password)) {
            return apply(session, family, family, scripts);
        }
    }

    /** Creates the family's first index and its alias unless the alias exists. Used by provisioning and shadows. */
    void createFamily(OpenSearchSession session, IndexFamily family) {
        if (session.send("read alias " + family.alias(), "GET", "/" + family.alias() + "/_alias", null).ok()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("settings").put("index.number_of_replicas", config.numberOfReplicas());
        body.putObject("mappings").putObject("_meta").putObject("larder").putArray("history");
        body.putObject("aliases").putObject(family.alias()).put("is_write_index", true);
        session.call("create index " + family.index(1), "PUT", "/" + family.index(1), body, 400);
        if (!session.send("read alias " + family.alias(), "GET", "/" + family.alias() + "/_alias", null).ok()) {
            throw new EngineException("OpenSearch cluster '" + session.clusterName() + "' did not create "
                    + family.index(1) + " with alias " + family.alias(), false);
        }
    }

    void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history) {
        IndexFamily real = new IndexFamily(tenant.physicalName());
        IndexFamily shadow = new IndexFamily("larder-shadow-" + tenant.datastoreId() + "-"
                + HexFormat.of().formatHex(random.generateSeed(4)));
        try (OpenSearchSession admin = clients.forReindex(cluster, cluster.adminUser(), cluster.adminPassword())) {
            try {
                createFamily(admin, shadow);
                apply(admin, real, shadow, history);
            } finally {
                deleteFamily(admin, shadow);
            }
        }
    }

    /** Lifts what a run cut short left behind; returns what it did. */
    List<String> repair(ClusterEndpoint cluster, Tenant tenant, Secret password) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession session = clients.as(cluster, tenant.login(), password)) {
            return recover(session, family, current(session, family));
        }
    }

    /** Deletes every index of the family (its aliases go with them). */
    void deleteFamily(OpenSearchSession admin, IndexFamily family) {
        JsonNode indices = admin.call("list indices of " + family.name(), "GET", "/_cat/indices/" + family.wildcard()
                + "?format=json&h=index&expand_wildcards=all", null, 404);
        List<String> names = new ArrayList<>();
        indices.forEach(row -> names.add(row.path("index").asText()));
        names.removeIf(name -> !name.startsWith(family.name() + "-"));
        if (!names.isEmpty()) {
            admin.call("delete indices of " + family.name(), "DELETE", "/" + String.join(",", names), null, 404);
        }
    }

    /**
     * Applies {@code scripts} (the whole history, in order) to {@code target}; extra aliases the files declare for
     * {@code declared} are moved into {@code target} (they differ in a shadow run).
     */
    private MigrationOutcome apply(OpenSearchSession session, IndexFamily declared, IndexFamily target,
            List<MigrationScript> scripts) {
        long start = System.nanoTime();
        Current current = current(session, target);
        List<String> notes = new ArrayList<>(recover(session, target, current));
        Set<String> done = current.versions();
        List<String> applied = new ArrayList<>();
        IndexDefinition before = IndexDefinition.empty();
        for (MigrationScript script : scripts) {
            IndexDefinition definition = definition(script, applied);
            checkAliases(script, definition, declared, applied);
            if (done.contains(script.version())) {
                before = definition;
                continue;
            }
            ObjectNode entry = json.createObjectNode().put("version", script.version()).put("file", script.fileName())
                    .put("appliedAt", Instant.now().toString());
            DefinitionDiff diff = DefinitionDiff.between(before, definition);
            try {
                boolean inPlace = diff.compatible() && applyInPlace(session, current, before, definition, declared,
                        target, entry);
                if (!inPlace) {
                    current = reindex(session, current, definition, declared, target, entry, diff);
                    notes.add(script.fileName() + ": reindexed into " + current.index() + " and moved alias "
                            + target.alias());
                } else {
                    current = current(session, target);
                }
            } catch (StepFailed e) {
                throw new MigrationFailure("Migration " + script.fileName() + " of " + target.name()
                        + " failed on cluster '" + session.clusterName() + "': " + e.getMessage(), script.version(),
                        script.fileName(), e.step, e.getMessage(), applied, false);
            }
            applied.add(script.version());
            before = definition;
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("Migrated %s on cluster %s: %s in %d ms", target.name(), session.clusterName(), applied, durationMs);
        return new MigrationOutcome(applied, durationMs, notes);
    }

    private IndexDefinition definition(MigrationScript script, List<String> applied) {
        try {
            return IndexDefinition.parse(json, script.content());
        } catch (IndexDefinition.Invalid e) {
            throw new MigrationFailure("Migration " + script.fileName() + " is not a valid index definition: "
                    + e.getMessage(), script.version(), script.fileName(), "read file", e.getMessage(), applied, false);
        }
    }

    private static void checkAliases(MigrationScript script, IndexDefinition definition, IndexFamily family,
            List<String> applied) {
        for (String alias : definition.aliasNames()) {
            if (!family.ownsAlias(alias)) {
                String message = "alias " + alias + " is outside the index family " + family.name() + " (allowed: "
                        + family.name() + "-<suffix>)";
                throw new MigrationFailure("Migration " + script.fileName() + " refused: " + message,
                        script.version(), script.fileName(), "check aliases", message, applied, false);
            }
        }
    }

    private boolean applyInPlace(OpenSearchSession session, Current current, IndexDefinition before,
            IndexDefinition after, IndexFamily declared, IndexFamily target, ObjectNode entry) {
        String index = current.index();
        ObjectNode settings = json.createObjectNode();
        before.settings().keySet().stream().filter(key -> !after.settings().containsKey(key))
                .forEach(key -> settings.putNull("index." + key));
        after.settings().forEach((key, value) -> {
            if (!value.equals(before.settings().get(key))) {
                settings.set("index." + key, value);
            }
        });
        if (!settings.isEmpty()) {
            OpenSearchSession.Reply reply = session.send("update settings of " + index, "PUT",
                    "/" + index + "/_settings", settings);
            if (isConflict(reply)) {
                return false;
            }
            ensure(session, "update settings of " + index, reply);
        }
        ObjectNode mapping = after.mappings().deepCopy();
        ObjectNode meta = current.larderMeta().deepCopy();
        meta.withArray("history").add(entry.put("index", index).put("mode", "in-place"));
        mapping.putObject("_meta").set("larder", meta);
        OpenSearchSession.Reply reply = session.send("update mapping of " + index, "PUT", "/" + index + "/_mapping",
                mapping);
        if (isConflict(reply)) {
            return false;
        }
        ensure(session, "update mapping of " + index, reply);
        List<ObjectNode> actions = aliasActions(before, after, declared, target, index, index);
        if (!actions.isEmpty()) {
            ensure(session, "update aliases of " + index, session.send("update aliases of " + index, "POST",
                    "/_aliases", json.createObjectNode().set("actions", json.valueToTree(actions))));
        }
        return true;
    }

    private Current reindex(OpenSearchSession session, Current current, IndexDefinition after, IndexFamily declared,
            IndexFamily target, ObjectNode entry, DefinitionDiff diff) {
        String from = current.index();
        String to = target.index(current.version() + 1);
        // 1. The new index, complete: the file's mappings and settings, and the history including this file.
        ObjectNode body = json.createObjectNode();
        ObjectNode settings = after.settingsBody();
        if (!after.settings().containsKey("number_of_replicas") && !after.settings().containsKey("auto_expand_replicas")) {
            settings.put("index.number_of_replicas", config.numberOfReplicas());
        }
        body.set("settings", settings);
        ObjectNode mapping = after.mappings().deepCopy();
        ObjectNode meta = current.larderMeta().deepCopy();
        meta.remove("reindexing");
        meta.withArray("history").add(entry.put("index", to).put("mode", "reindex"));
        mapping.putObject("_meta").set("larder", meta);
        body.set("mappings", mapping);
        session.send("delete leftover index " + to, "DELETE", "/" + to, null); // never aliased: the alias is on from
        ensure(session, "create index " + to, session.send("create index " + to, "PUT", "/" + to, body));
        // 2. Writers are refused (not lost) from here to the swap; the marker lets a later run clean up.
        ObjectNode marker = current.larderMeta().deepCopy().put("reindexing", to);
        ensure(session, "mark " + from, session.send("mark " + from, "PUT", "/" + from + "/_mapping",
                json.createObjectNode().set("_meta", json.createObjectNode().set("larder", marker))));
        ensure(session, "block writes on " + from, session.send("block writes on " + from, "PUT",
                "/" + from + "/_settings", json.createObjectNode().put("index.blocks.write", true)));
        try {
            // 3. Copy every document, dropping removed fields.
            ObjectNode request = json.createObjectNode();
            request.putObject("source").put("index", from);
            request.putObject("dest").put("index", to);
            List<String> removed = diff.removedSourceFields();
            if (!removed.isEmpty()) {
                ObjectNode script = request.putObject("script");
                script.put("lang", "painless").put("source", DROP_FIELDS);
                script.putObject("params").set("removed", json.valueToTree(removed));
            }
            OpenSearchSession.Reply copied = session.send("reindex " + from + " into " + to, "POST",
                    "/_reindex?refresh=true&wait_for_completion=true&timeout=" + config.reindexTimeout().toSeconds()
                            + "s", request);
            ensure(session, "reindex " + from + " into " + to, copied);
            if (copied.body().path("failures").size() > 0 || copied.body().path("timed_out").asBoolean(false)) {
                throw new StepFailed("reindex " + from + " into " + to, "reindex failed: "
                        + firstFailure(copied.body()));
            }
            // 4. One atomic _aliases request: readers go from the old complete index to the new complete one.
            List<ObjectNode> actions = new ArrayList<>();
            actions.add(action("remove", from, target.alias(), false));
            actions.add(action("add", to, target.alias(), true));
            actions.addAll(aliasActions(IndexDefinition.empty(), after, declared, target, null, to));
            ensure(session, "swap alias " + target.alias(), session.send("swap alias " + target.alias(), "POST",
                    "/_aliases", json.createObjectNode().set("actions", json.valueToTree(actions))));
            LOG.infof("Reindexed %s into %s (%s documents) and moved alias %s", from, to,
                    copied.body().path("total").asText("?"), target.alias());
        } catch (StepFailed | EngineException e) {
            undoReindex(session, from, to, current.larderMeta());
            throw e;
        }
        // 5. The old index: nobody reads it any more.
        session.call("delete index " + from, "DELETE", "/" + from, null, 404);
        return current(session, target);
    }

    private List<ObjectNode> aliasActions(IndexDefinition before, IndexDefinition after, IndexFamily declared,
            IndexFamily target, String removeFrom, String addTo) {
        List<ObjectNode> actions = new ArrayList<>();
        if (removeFrom != null) {
            for (String alias : before.aliasNames()) {
                if (!after.aliasNames().contains(alias)) {
                    actions.add(action("remove", removeFrom, declared.moved(alias, target), false));
                }
            }
        }
        for (String alias : after.aliasNames()) {
            ObjectNode add = action("add", addTo, declared.moved(alias, target), false);
            JsonNode options = after.aliases().get(alias);
            if (options.isObject()) {
                ((ObjectNode) add.get("add")).setAll(((ObjectNode) options).deepCopy());
            }
            actions.add(add);
        }
        return actions;
    }

    private ObjectNode action(String verb, String index, String alias, boolean writeIndex) {
        ObjectNode action = json.createObjectNode();
        ObjectNode args = action.putObject(verb).put("index", index).put("alias", alias);
        if (writeIndex) {
            args.put("is_write_index", true);
        }
        return action;
    }

    private Current current(OpenSearchSession session, IndexFamily family) {
        JsonNode aliased = session.call("read alias " + family.alias(), "GET", "/" + family.alias() + "/_alias", null);
        String index = null;
        int version = -1;
        for (Iterator<String> it = aliased.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            int v = family.versionOf(name).orElse(-1);
            if (v > version) {
                index = name;
                version = v;
            }
        }
        if (index == null) {
            throw new EngineException("OpenSearch cluster '" + session.clusterName() + "': alias " + family.alias()
                    + " does not point at an index " + family.name() + "-v<n>", false);
        }
        JsonNode meta = session.call("read mapping of " + index, "GET", "/" + index + "/_mapping", null)
                .path(index).path("mappings").path("_meta").path("larder");
        ObjectNode larder = meta.isObject() ? (ObjectNode) meta.deepCopy() : json.createObjectNode();
        if (!larder.path("history").isArray()) {
            larder.putArray("history");
        }
        return new Current(index, version, larder);
    }

    /** Cleans up after a reindex that was cut short (see the class comment). */
    private List<String> recover(OpenSearchSession session, IndexFamily family, Current current) {
        String leftover = current.larderMeta().path("reindexing").asText("");
        if (leftover.isEmpty()) {
            return List.of();
        }
        undoReindex(session, current.index(), leftover, current.larderMeta());
        String note = "removed " + leftover + " and lifted the write block on " + current.index()
                + " left by an interrupted reindex";
        LOG.infof("%s (%s, cluster %s)", note, family.name(), session.clusterName());
        return List.of(note);
    }

    private void undoReindex(OpenSearchSession session, String from, String to, ObjectNode larderMeta) {
        if (to.startsWith(from.substring(0, from.lastIndexOf("-v") + 1)) && !to.equals(from)) {
            session.send("delete index " + to, "DELETE", "/" + to, null);
        }
        session.send("lift write block on " + from, "PUT", "/" + from + "/_settings",
                json.createObjectNode().putNull("index.blocks.write"));
        ObjectNode meta = larderMeta.deepCopy();
        meta.remove("reindexing");
        session.send("unmark " + from, "PUT", "/" + from + "/_mapping",
                json.createObjectNode().set("_meta", json.createObjectNode().set("larder", meta)));
    }

    private static boolean isConflict(OpenSearchSession.Reply reply) {
        return reply.status() == 400 && reply.body().path("error").path("type").asText()
                .equals("illegal_argument_exception");
    }

    private static void ensure(OpenSearchSession session, String step, OpenSearchSession.Reply reply) {
        if (reply.status() == 400 || reply.status() == 403 || reply.status() == 404 || reply.status() == 409) {
            throw new StepFailed(step, "HTTP " + reply.status() + " " + OpenSearchSession.reason(reply.body()));
        }
        if (!reply.ok()) {
            throw session.refused(step, reply);
        }
    }

    private static String firstFailure(JsonNode body) {
        JsonNode failure = body.path("failures").path(0);
        if (failure.isMissingNode()) {
            return "timed out";
        }
        JsonNode cause = failure.path("cause");
        return "document " + failure.path("id").asText("?") + ": " + cause.path("type").asText("error") + ": "
                + cause.path("reason").asText("");
    }

    /** A refusal by the cluster that belongs to the file (bad mapping, failed reindex), not to the cluster. */
    private static final class StepFailed extends RuntimeException {
        private final String step;

        StepFailed(String step, String message) {
            super(message, null, false, false);
            this.step = step;
        }
    }
}
