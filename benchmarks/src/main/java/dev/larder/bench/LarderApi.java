package dev.larder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The few calls of Larder's REST API the benchmarks need, as a platform admin (a service token). */
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

    private JsonNode post(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
