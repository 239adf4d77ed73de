package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.larder.backend.engine.EngineException;
import java.io.IOException;
import java.util.Set;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * One client on one cluster as one user (the administrator, a datastore's login or a personal login), closed after
 * the operation. Requests go through opensearch-java's generic client because Larder's requests are JSON it already
 * has (migration files, security plugin documents); answers are read with Jackson.
 *
 * <p>Errors become {@link EngineException}s that name the cluster, the step and the server's reason, never a
 * password: request bodies (which may carry one) are never part of a message.
 */
final class OpenSearchSession implements AutoCloseable {

    /** An answer: HTTP status and the JSON body ({@link MissingNode} when there is none). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String clusterName;
    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final ObjectMapper json;
    private final boolean shared;

    OpenSearchSession(String clusterName, OpenSearchTransport transport, ObjectMapper json) {
        this(clusterName, transport, json, false);
    }

    private OpenSearchSession(String clusterName, OpenSearchTransport transport, ObjectMapper json, boolean shared) {
        this.clusterName = clusterName;
        this.transport = transport;
        this.client = new OpenSearchClient(transport);
        this.json = json;
        this.shared = shared;
    }

    /** The same client, kept open by {@link #close()}: for sessions many callers reuse. */
    OpenSearchSession shared() {
        return new OpenSearchSession(clusterName, transport, json, true);
    }

    String clusterName() {
        return clusterName;
    }

    /** Sends a request and returns the answer, whatever its status; only an unreachable cluster throws. */
    Reply send(String step, String method, String path, Object body) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path);
        try {
            if (body != null) {
                request.json(body instanceof String text ? text : json.writeValueAsString(body));
            }
            try (Response response = client.generic().execute(request.build())) {
                JsonNode answer = MissingNode.getInstance();
                if (response.getBody().isPresent()) {
                    try (Body content = response.getBody().get()) {
                        byte[] bytes = content.bodyAsBytes();
                        if (bytes.length > 0) {
                            answer = json.readTree(bytes);
                        }
                    }
                }
                return new Reply(response.getStatus(), answer);
            }
        } catch (IOException e) {
            // The transport turns 401 and 403 into an exception (its body is not reachable); here they are answers.
            if (e.getCause() instanceof ResponseException refusal) {
                return new Reply(refusal.status(), MissingNode.getInstance());
            }
            throw new EngineException("OpenSearch cluster '" + clusterName + "' could not be reached (" + step + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        }
    }

    /** Sends a request that must succeed (2xx, or one of {@code alsoFine}); anything else throws. */
    JsonNode call(String step, String method, String path, Object body, Integer... alsoFine) {
        Reply reply = send(step, method, path, body);
        if (!reply.ok() && !Set.of(alsoFine).contains(reply.status())) {
            throw refused(step, reply);
        }
        return reply.body();
    }

    EngineException refused(String step, Reply reply) {
        return new EngineException("OpenSearch cluster '" + clusterName + "' refused to " + step + ": HTTP "
                + reply.status() + " " + reason(reply.body()), false);
    }

    /** The server's own reason: {@code error.type: error.reason} (or the security plugin's {@code message}). */
    static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            return error.path("type").asText("error") + ": " + error.path("reason").asText("");
        }
        if (error.isTextual()) {
            return error.asText();
        }
        if (body.has("message")) {
            return body.path("message").asText();
        }
        return body.isMissingNode() ? "(no details)" : body.toString();
    }

    @Override
    public void close() {
        if (!shared) {
            end();
        }
    }

    /** Closes the client for good (also a shared one). */
    void end() {
        try {
            transport.close();
        } catch (IOException e) {
            // closing a client: nothing was lost
        }
    }
}
