package dev.larder.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.events.EventJson;
import dev.larder.events.common.CiDetails;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The REST way, for CI without Kafka access: {@code POST /api/v1/datastores/{id}/migrations}, then
 * {@code GET …/migrations/{migrationId}} every poll interval until the state is SUCCEEDED or FAILED.
 */
final class RestTransport {

    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Gateway answers while the backend restarts: keep polling through them. */
    private static final Set<Integer> TRANSIENT = Set.of(502, 503, 504);

    private final String api;
    private final String token;
    private final Duration pollInterval;
    private final HttpClient http;

    RestTransport(String api, String token, Duration pollInterval) {
        String base = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.api = base.endsWith("/api/v1") ? base.substring(0, base.length() - "/api/v1".length()) : base;
        this.token = token;
        this.pollInterval = pollInterval;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The request body: {@code {"commandId", "files": [{"name", "content", "sha256"}], "requestedBy", "ci"}}. */
    static String body(MigrationRequested data) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("commandId", data.commandId());
        ArrayNode files = body.putArray("files");
        for (MigrationFileSpec file : data.files()) {
            files.addObject().put("name", file.name()).put("content", file.content()).put("sha256", file.sha256());
        }
        body.put("requestedBy", data.requestedBy());
        CiDetails ci = data.ci();
        if (ci != null) {
            ObjectNode node = body.putObject("ci");
            putIfSet(node, "system", ci.system());
            putIfSet(node, "runUrl", ci.runUrl());
            putIfSet(node, "commit", ci.commit());
        }
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @throws CliException 2 when the API refuses the request or cannot be reached, 3 when the migration has not
     *                      finished within {@code timeout}
     */
    Outcome submit(long datastoreId, MigrationRequested data, Duration timeout, Consumer<String> progress,
            Consumer<String> warn) {
        URI collection = URI.create(api + "/api/v1/datastores/" + datastoreId + "/migrations");
        HttpRequest post = request(collection)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", data.commandId())
                .POST(HttpRequest.BodyPublishers.ofString(body(data)))
                .build();
        HttpResponse<String> response;
        try {
            response = send(post);
        } catch (IOException e) {
            throw CliException.refused("could not reach Larder at " + collection + ": " + describe(e)
                    + ". If the request got through, rerunning is safe (the same command id is never applied twice).");
        }
        if (response.statusCode() / 100 != 2) {
            throw refused("POST " + collection.getPath(), response);
        }
        JsonNode migration = json(response.body(), "POST " + collection.getPath());
        long migrationId = migration.path("id").asLong(-1);
        if (migrationId < 0) {
            throw CliException.refused("Larder answered POST " + collection.getPath() + " without a migration id: "
                    + abbreviate(response.body()));
        }
        String state = migration.path("state").asText("?");
        progress.accept("Submitted " + data.commandId() + ": migration " + migrationId + " is " + state
                + "; polling every " + KafkaTransport.seconds(pollInterval) + ", up to "
                + KafkaTransport.seconds(timeout));

        URI resource = URI.create(collection + "/" + migrationId);
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = response.body();
        while (!finished(state)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw CliException.timeout("migration " + migrationId + " has not finished within "
                        + KafkaTransport.seconds(timeout) + " (state " + state + "); it goes on in Larder. Rerun the"
                        + " job unchanged to wait again, or follow GET " + resource.getPath());
            }
            sleep(Math.min(remaining, pollInterval.toNanos()));
            HttpResponse<String> poll;
            try {
                poll = send(request(resource).GET().build());
            } catch (IOException e) {
                warn.accept("GET " + resource.getPath() + " failed (" + describe(e) + "); trying again");
                continue;
            }
            if (TRANSIENT.contains(poll.statusCode())) {
                warn.accept("GET " + resource.getPath() + " answered " + poll.statusCode() + "; trying again");
                continue;
            }
            if (poll.statusCode() / 100 != 2) {
                throw refused("GET " + resource.getPath(), poll);
            }
            migration = json(poll.body(), "GET " + resource.getPath());
            body = poll.body();
            String now = migration.path("state").asText("?");
            if (!now.equals(state) && !finished(now)) {
                progress.accept("Migration " + migrationId + " is " + now);
            }
            state = now;
        }
        return Outcome.ofMigration(migration, body);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "larder-ci/" + Objects.requireNonNullElse(
                        RestTransport.class.getPackage().getImplementationVersion(), "dev"));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.trim());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean finished(String state) {
        return "SUCCEEDED".equalsIgnoreCase(state) || "FAILED".equalsIgnoreCase(state);
    }

    /** Exit 2 with the problem document's detail (RFC 9457), its violations, and the status. */
    static CliException refused(String what, HttpResponse<String> response) {
        StringBuilder message = new StringBuilder("Larder refused ").append(what).append(" (HTTP ")
                .append(response.statusCode());
        JsonNode problem = null;
        try {
            problem = EventJson.mapper().readTree(response.body() == null ? "" : response.body());
        } catch (JsonProcessingException e) {
            // not JSON: show the body as it is
        }
        if (problem != null && problem.isObject()) {
            if (problem.hasNonNull("title")) {
                message.append(' ').append(problem.get("title").asText());
            }
            message.append(')');
            if (problem.hasNonNull("detail")) {
                message.append(": ").append(problem.get("detail").asText());
            }
            JsonNode violations = problem.get("violations");
            if (violations != null && violations.isArray() && violations.size() > 1) {
                for (JsonNode violation : violations) {
                    message.append("\n  ").append(violation.path("field").asText("?")).append(": ")
                            .append(violation.path("message").asText(""));
                }
            }
            if (problem.hasNonNull("correlationId")) {
                message.append("\n  (correlation id ").append(problem.get("correlationId").asText()).append(')');
            }
        } else {
            message.append(')');
            if (response.body() != null && !response.body().isBlank()) {
                message.append(": ").append(abbreviate(response.body()));
            }
        }
        return CliException.refused(message.toString());
    }

    private static JsonNode json(String body, String what) {
        try {
            JsonNode node = EventJson.mapper().readTree(body == null ? "" : body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw CliException.refused("Larder's answer to " + what + " is not a JSON object: " + abbreviate(body));
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.timeout("interrupted while waiting for the migration");
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(empty)";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + " …";
    }
}
