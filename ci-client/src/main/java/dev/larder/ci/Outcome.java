package dev.larder.ci;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Larder's final answer about one migration, whichever way it came: a {@code migration.succeeded} or
 * {@code migration.failed} event from Kafka, or the migration resource of the REST API.
 *
 * @param migrationId absent when the bundle was refused before a migration was recorded
 * @param applied     versions applied by this migration
 * @param findings    lint findings: warnings of a success, the findings that blocked a failure
 * @param failure     where it failed; null for a success
 * @param durationMs  wall time, when known
 * @param json        the answer as Larder sent it (for {@code --json})
 */
record Outcome(boolean succeeded, String commandId, Long migrationId, Long datastoreId, List<String> applied,
        List<ClusterResult> clusters, List<Finding> findings, Failure failure, Long durationMs, String json) {

    Outcome {
        applied = applied == null ? List.of() : List.copyOf(applied);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** Where and why a migration failed; every field but {@code stage} may be absent. */
    record Failure(String stage, String cluster, String version, String file, String statement, String serverError,
            String partialState) {
    }

    /** 0 for a success, 1 for a failure; see {@link ExitCodes}. */
    int exitCode() {
        return succeeded ? ExitCodes.SUCCEEDED : ExitCodes.MIGRATION_FAILED;
    }

    static Outcome succeeded(MigrationSucceeded data, String json) {
        return new Outcome(true, data.commandId(), data.migrationId(), data.datastoreId(), data.appliedVersions(),
                data.clusters(), data.warnings(), null, data.durationMs(), json);
    }

    static Outcome failed(MigrationFailed data, String json) {
        String stage = data.stage() == null ? "unknown" : data.stage().name().toLowerCase(Locale.ROOT);
        Failure failure = new Failure(stage, data.cluster(), data.version(), data.file(), data.statement(),
                data.serverError(), data.partialState());
        return new Outcome(false, data.commandId(), data.migrationId(), data.datastoreId(), List.of(),
                data.clusters(), data.findings(), failure, null, json);
    }

    /** The outcome an answering event carries; null when the event is not a success or failure. */
    static Outcome of(CloudEvent<?> event, String json) {
        if (event.data() instanceof MigrationSucceeded succeeded) {
            return succeeded(succeeded, json);
        }
        if (event.data() instanceof MigrationFailed failed) {
            return failed(failed, json);
        }
        return null;
    }

    /**
     * The outcome a finished migration resource ({@code GET /api/v1/datastores/{id}/migrations/{migrationId}})
     * describes: {@code state} SUCCEEDED or FAILED, {@code findings}, {@code failure}, {@code applied},
     * {@code clusters}, and {@code startedAt}/{@code finishedAt} for the duration.
     */
    static Outcome ofMigration(JsonNode migration, String json) {
        boolean succeeded = "SUCCEEDED".equalsIgnoreCase(text(migration, "state"));
        Failure failure = null;
        JsonNode failureNode = migration.get("failure");
        if (!succeeded) {
            failureNode = failureNode == null || failureNode.isNull() ? EventJson.mapper().createObjectNode()
                    : failureNode;
            String stage = text(failureNode, "stage");
            if (stage == null) {
                stage = text(migration, "stage");
            }
            failure = new Failure(stage == null ? "unknown" : stage.toLowerCase(Locale.ROOT),
                    text(failureNode, "cluster"), text(failureNode, "version"), text(failureNode, "file"),
                    text(failureNode, "statement"), text(failureNode, "serverError"),
                    text(failureNode, "partialState"));
        }
        return new Outcome(succeeded, text(migration, "commandId"), number(migration, "id"),
                number(migration, "datastoreId"), list(migration, "applied", new TypeReference<List<String>>() { }),
                list(migration, "clusters", new TypeReference<List<ClusterResult>>() { }),
                list(migration, "findings", new TypeReference<List<Finding>>() { }), failure,
                duration(migration), json);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToLong() ? null : value.asLong();
    }

    private static <T> List<T> list(JsonNode node, String field, TypeReference<List<T>> type) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            return List.of();
        }
        return EventJson.mapper().convertValue(value, type);
    }

    private static Long duration(JsonNode migration) {
        JsonNode explicit = migration.get("durationMs");
        if (explicit != null && explicit.canConvertToLong()) {
            return explicit.asLong();
        }
        try {
            String started = text(migration, "startedAt");
            String finished = text(migration, "finishedAt");
            if (started != null && finished != null) {
                return Duration.between(Instant.parse(started), Instant.parse(finished)).toMillis();
            }
        } catch (DateTimeParseException e) {
            // fall through: the duration is a nicety
        }
        return null;
    }
}
