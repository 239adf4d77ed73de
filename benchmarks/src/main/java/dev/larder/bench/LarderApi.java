package dev.larder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The few calls of Larder's REST API the benchmarks need, as a platform admin (a service token) or another caller. */
final class LarderApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    LarderApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** From {@code -Dbench.api} and {@code -Dbench.token}: the backend benchmarks/run starts, its dev admin token. */
    static LarderApi fromSystemProperties() {
        return new LarderApi(System.getProperty("bench.api", "http://localhost:8099"),
                System.getProperty("bench.token", "larder-dev-admin-token"));
    }

    /** The same backend, called with another bearer token (e.g. a person's JWT). */
    LarderApi as(String otherToken) {
        return new LarderApi(base, otherToken);
    }

    void createTeam(String name) throws IOException, InterruptedException {
        post("/api/v1/teams", JSON.createObjectNode().put("name", name));
    }

    void createService(String name, String team) throws IOException, InterruptedException {
        post("/api/v1/services", JSON.createObjectNode().put("name", name).put("team", team));
    }

    /** Creates a MySQL datastore in environment dev on {@code cluster}; returns its id once it is READY. */
    long createMysqlDatastore(String service, String name, String cluster) throws IOException, InterruptedException {
        JsonNode datastore = post("/api/v1/datastores", JSON.createObjectNode().put("service", service)
                .put("name", name).put("kind", "mysql").put("environment", "dev").put("cluster", cluster));
        if (!"READY".equals(datastore.path("state").asText())) {
            throw new IllegalStateException("datastore " + service + "/" + name + " is not READY: " + datastore);
        }
        return datastore.path("id").asLong();
    }

    /** The datastore's login, password, database and {@code jdbcUrl} (the reveal is audited). */
    JsonNode revealCredentials(long datastoreId) throws IOException, InterruptedException {
        return post("/api/v1/datastores/" + datastoreId + "/credentials/reveal", JSON.createObjectNode());
    }

    /** Submits a data change for approval; answers the change (PENDING_APPROVAL, with its approvalId). */
    JsonNode submitDataChange(long datastoreId, List<String> statements, String reason)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("reason", reason);
        statements.forEach(body.putArray("statements")::add);
        return post("/api/v1/datastores/" + datastoreId + "/data-changes", body);
    }

    JsonNode approve(long approvalId, String reason) throws IOException, InterruptedException {
        return post("/api/v1/approvals/" + approvalId + "/approve", JSON.createObjectNode().put("reason", reason));
    }

    /** Starts an APPROVED change (202); poll {@link #dataChange} for EXECUTED or FAILED. */
    JsonNode executeDataChange(long datastoreId, long changeId) throws IOException, InterruptedException {
        return post("/api/v1/datastores/" + datastoreId + "/data-changes/" + changeId + "/execute",
                JSON.createObjectNode());
    }

    JsonNode dataChange(long datastoreId, long changeId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datastores/" + datastoreId + "/data-changes/"
                + changeId)).header("Authorization", "Bearer " + token).GET().build());
    }

    private JsonNode post(String path, ObjectNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
