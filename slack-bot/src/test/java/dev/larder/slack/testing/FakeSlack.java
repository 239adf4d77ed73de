package dev.larder.slack.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server that plays Slack's Web API for the bot ({@code /api/<method>}) and records every call. Tests
 * (which may live in another class loader than the resource that started it) register people and read the
 * recording over HTTP: {@code POST /_test/users?id=U…&email=…}, {@code GET /_test/calls}.
 */
public final class FakeSlack implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> calls = new ArrayList<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_100L);

    public FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/api/", this::api);
        server.createContext("/_test/", this::control);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = form(body);
        if (exchange.getRequestURI().getRawQuery() != null) {
            params.putAll(form(exchange.getRequestURI().getRawQuery()));
        }
        ObjectNode call = JSON.createObjectNode().put("method", method);
        params.forEach(call.putObject("params")::put);
        synchronized (calls) {
            calls.add(call);
        }
        respond(exchange, 200, answer(method, params).toString());
    }

    private ObjectNode answer(String method, Map<String, String> params) {
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "auth.test" -> ok.put("url", "https://larder-test.slack.com/").put("team", "Larder")
                    .put("user", "larder").put("team_id", "T0LARDER").put("user_id", "UBOT0LARDER")
                    .put("bot_id", "BBOT0LARDER");
            case "users.info" -> {
                String email = emails.get(params.getOrDefault("user", ""));
                if (email == null) {
                    return JSON.createObjectNode().put("ok", false).put("error", "user_not_found");
                }
                ObjectNode user = ok.putObject("user").put("id", params.get("user")).put("name", email);
                user.putObject("profile").put("email", email);
            }
            case "users.lookupByEmail" -> {
                String id = emails.entrySet().stream().filter(e -> e.getValue().equals(params.get("email")))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (id == null) {
                    return JSON.createObjectNode().put("ok", false).put("error", "users_not_found");
                }
                ok.putObject("user").put("id", id).putObject("profile").put("email", params.get("email"));
            }
            case "conversations.open" -> ok.putObject("channel").put("id", "D" + params.getOrDefault("users", "")
                    .replaceAll("[^A-Z0-9]", ""));
            case "chat.postMessage", "chat.update" -> {
                String stamp = method.equals("chat.update") ? params.get("ts") : nextTs();
                ok.put("channel", params.get("channel")).put("ts", stamp);
                ok.putObject("message").put("text", params.getOrDefault("text", "")).put("ts", stamp);
            }
            case "chat.postEphemeral" -> ok.put("message_ts", nextTs());
            case "views.open" -> ok.putObject("view").put("id", "V" + ts.incrementAndGet());
            default -> {
                // ok
            }
        }
        return ok;
    }

    private String nextTs() {
        long value = ts.incrementAndGet();
        return (value / 1_000_000) + "." + String.format("%06d", value % 1_000_000);
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        if (path.equals("/_test/users")) {
            emails.put(query.get("id"), query.get("email"));
            respond(exchange, 204, null);
        } else if (path.equals("/_test/calls")) {
            ArrayNode all = JSON.createArrayNode();
            synchronized (calls) {
                calls.forEach(all::add);
            }
            respond(exchange, 200, all.toString());
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        if (body != null) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
