package dev.larder.slack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.slack.web.SlackSignature;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Slack, as the tests see it: sends the bot requests signed exactly as Slack signs them (payloads from
 * src/test/resources/slack/), and reads what the bot called on the fake Web API.
 */
public final class SlackClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String fakeUrl;
    private final SlackSignature signature = new SlackSignature(LarderStack.SIGNING_SECRET, Duration.ofMinutes(5));

    public SlackClient(String fakeUrl) {
        this.fakeUrl = fakeUrl;
    }

    // ------------------------------------------------------------------------------------------------ requests

    public static String commandBody(String user, String channel, String text) {
        return resource("slash-command.txt").strip().replace("{user}", user).replace("{channel}", channel)
                .replace("{text}", URLEncoder.encode(text, StandardCharsets.UTF_8))
                .replace("{trigger}", "trig" + System.nanoTime());
    }

    public Response command(String user, String channel, String text) {
        return signed("/slack/commands", commandBody(user, channel, text));
    }

    public Response click(String user, String channel, String actionId, String value) {
        ObjectNode payload = (ObjectNode) json(resource("block-actions.json"));
        ((ObjectNode) payload.path("user")).put("id", user);
        ((ObjectNode) payload.path("channel")).put("id", channel);
        ((ObjectNode) payload.path("container")).put("channel_id", channel);
        ((ObjectNode) payload.path("actions").path(0)).put("action_id", actionId).put("value", value);
        payload.put("trigger_id", "trig" + System.nanoTime());
        return signed("/slack/interactions", "payload=" + URLEncoder.encode(payload.toString(),
                StandardCharsets.UTF_8));
    }

    /** A modal submitted with these input values ({@code block -> {action -> value}} as Slack sends them). */
    public Response submit(String user, String callbackId, String metadata, ObjectNode values) {
        ObjectNode payload = (ObjectNode) json(resource("view-submission.json"));
        ((ObjectNode) payload.path("user")).put("id", user);
        ObjectNode view = (ObjectNode) payload.path("view");
        view.put("callback_id", callbackId).put("private_metadata", metadata);
        ((ObjectNode) view.path("state")).set("values", values);
        return signed("/slack/interactions", "payload=" + URLEncoder.encode(payload.toString(),
                StandardCharsets.UTF_8));
    }

    /** Values of plain-text inputs whose block id equals their action id, as the bot's modals are built. */
    public static ObjectNode textValues(String... blockThenValue) {
        ObjectNode values = JSON.createObjectNode();
        for (int i = 0; i < blockThenValue.length; i += 2) {
            values.putObject(blockThenValue[i]).putObject(blockThenValue[i]).put("type", "plain_text_input")
                    .put("value", blockThenValue[i + 1]);
        }
        return values;
    }

    public Response signed(String path, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return post(path, body, timestamp, signature.sign(timestamp, body));
    }

    public Response post(String path, String body, String timestamp, String slackSignature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(body);
        if (timestamp != null) {
            request.header(SlackSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (slackSignature != null) {
            request.header(SlackSignature.SIGNATURE_HEADER, slackSignature);
        }
        return request.post(path);
    }

    public String sign(String timestamp, String body) {
        return signature.sign(timestamp, body);
    }

    // ------------------------------------------------------------------------------------------------ the fake

    public void addUser(String id, String email) {
        send(HttpRequest.newBuilder(URI.create(fakeUrl + "/_test/users?id=" + id + "&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Every Web API call the bot made so far: {method, params}. */
    public List<JsonNode> calls() {
        List<JsonNode> calls = new ArrayList<>();
        json(send(HttpRequest.newBuilder(URI.create(fakeUrl + "/_test/calls")).GET())).forEach(calls::add);
        return calls;
    }

    public List<JsonNode> calls(String method, Predicate<JsonNode> params) {
        return calls().stream().filter(c -> c.path("method").asText().equals(method))
                .map(c -> c.path("params")).filter(params).toList();
    }

    /** Waits for the bot to call {@code method} with params matching; answers the params. */
    public JsonNode await(String method, Predicate<JsonNode> params) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            List<JsonNode> found = calls(method, params);
            if (!found.isEmpty()) {
                return found.get(found.size() - 1);
            }
            assertThat(Instant.now()).as("the bot called " + method + " as expected; it called: " + calls())
                    .isBefore(deadline);
            sleep(100);
        }
    }

    public static Predicate<JsonNode> has(String param, String value) {
        return params -> params.path(param).asText().equals(value);
    }

    public static Predicate<JsonNode> contains(String param, String text) {
        return params -> params.path(param).asText().contains(text);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    public static String resource(String name) {
        try (InputStream in = SlackClient.class.getResourceAsStream("/slack/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
