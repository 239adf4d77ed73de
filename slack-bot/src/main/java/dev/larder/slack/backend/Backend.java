package dev.larder.slack.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.larder.slack.config.BotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The backend's REST API, with the bot's service token. {@link #as(String)} acts for a person (their email in
 * X-Larder-On-Behalf-Of): the backend then decides with that person's teams and rights, never the bot's.
 */
@ApplicationScoped
public class Backend {

    public static final String ON_BEHALF_OF = "X-Larder-On-Behalf-Of";

    private final BotConfig.Backend config;
    private final HttpClient http;
    private final ObjectMapper json;

    public Backend(BotConfig config, ObjectMapper json) {
        this.config = config.backend();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    /** The bot itself (reading, and recording where it posted). */
    public Caller bot() {
        return new Caller(null);
    }

    /** The bot acting for a Larder member. */
    public Caller as(String email) {
        return new Caller(email);
    }

    public static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An answer: status and JSON body (problem+json on errors). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** What went wrong, in the backend's words (problem+json detail). */
        public String problem() {
            String detail = body.path("detail").asText("");
            return detail.isEmpty() ? "the backend answered " + status : detail;
        }
    }

    /** Requests as one caller. */
    public final class Caller {

        private final String person;

        Caller(String person) {
            this.person = person;
        }

        public Answer get(String path) {
            return send("GET", path, null);
        }

        public Answer post(String path, Object body) {
            return send("POST", path, body);
        }

        public Answer put(String path, Object body) {
            return send("PUT", path, body);
        }

        private Answer send(String method, String path, Object body) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + path))
                        .timeout(config.timeout())
                        .header("Authorization", "Bearer " + config.token())
                        .header("Accept", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                if (person != null) {
                    request.header(ON_BEHALF_OF, person);
                }
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                JsonNode parsed = response.body().length == 0 ? MissingNode.getInstance()
                        : json.readTree(response.body());
                return new Answer(response.statusCode(), parsed);
            } catch (IOException e) {
                throw new UncheckedIOException("the backend at " + config.url() + " did not answer " + method + " "
                        + path + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted calling the backend", e);
            }
        }
    }
}
