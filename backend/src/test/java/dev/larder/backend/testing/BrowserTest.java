package dev.larder.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser helper against a page shaped like the one-time credential reveal page: a GET shows a button and
 * reveals nothing (so a chat app's link preview cannot burn the token), the POST behind the button shows the secret
 * once, and every later POST with the same token is refused. Served by the JDK's own HTTP server on 127.0.0.1; no
 * Quarkus here.
 */
class BrowserTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpServer server;
    private String base;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Set<String> revealed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger posts = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/reveal/", this::reveal);
        server.createContext("/hello", this::hello);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPersonRevealsTheSecretOnceAndALinkPreviewDoesNotBurnIt() throws Exception {
        String token = random(18);
        String secret = "pw-" + random(24);
        secrets.put(token, secret);
        String link = base + "/reveal/" + token;

        // A chat app unfurling the link: a plain GET, no click. It sees the button, not the secret.
        HttpResponse<String> preview = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(link)).header("User-Agent", "Slackbot-LinkExpanding 1.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Reveal the password").doesNotContain(secret);
        assertThat(revealed).as("a GET consumed the one-time token").isEmpty();

        try (Browser browser = Browser.open()) {
            browser.go(link);
            assertThat(browser.title()).isEqualTo("Reveal credentials");
            assertThat(browser.text()).contains("shown only once").doesNotContain(secret);
            assertThat(revealed).as("opening the page consumed the token").isEmpty();
            Path form = browser.screenshot("BrowserTest-reveal-form");

            browser.clickButton("Reveal the password");
            assertThat(browser.text("#secret")).isEqualTo(secret);
            assertThat(browser.text()).contains("Copy it now");
            assertThat(posts.get()).isEqualTo(1);
            Path shown = browser.screenshot("BrowserTest-revealed");

            browser.back();
            browser.clickButton("Reveal the password");
            assertThat(browser.text()).contains("already revealed").doesNotContain(secret);
            assertThat(browser.title()).isEqualTo("Already revealed");
            Path refused = browser.screenshot("BrowserTest-refused");

            assertThat(posts.get()).isEqualTo(2);
            assertThat(gets.get()).as("the preview, the page, and the page again after Back").isBetween(2, 3);
            for (Path png : new Path[] {form, shown, refused}) {
                assertThat(Files.size(png)).as("screenshot %s", png).isGreaterThan(1_000);
            }
        }
    }

    @Test
    @ExtendWith(Browser.PerTest.class)
    void aPersonFillsInAFormAndSubmitsIt(Browser browser) {
        browser.go(base + "/hello");
        assertThat(browser.text()).contains("Who are you?");
        browser.fill("#name", "first try");
        browser.fill("#name", "Ada Lovelace");
        browser.click("form button[type=submit]");
        assertThat(browser.text("h1")).isEqualTo("Hello, Ada Lovelace!");
        assertThat(browser.url()).endsWith("/hello");
    }

    @Test
    void aMissingBrowserFailsWithTheCommandThatInstallsIt() {
        String before = System.getProperty("larder.browser.chromium");
        System.setProperty("larder.browser.chromium", "/nonexistent/chromium");
        try {
            assertThatThrownBy(Browser::open).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/chromium")
                    .hasMessageContaining("apt-get install -y chromium chromium-driver");
        } finally {
            if (before == null) {
                System.clearProperty("larder.browser.chromium");
            } else {
                System.setProperty("larder.browser.chromium", before);
            }
        }
    }

    private void reveal(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestURI().getPath().substring("/reveal/".length());
        String secret = secrets.get(token);
        if (secret == null) {
            respond(exchange, 404, page("Not found", "<p>No such link.</p>"));
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                gets.incrementAndGet();
                respond(exchange, 200, page("Reveal credentials", """
                        <h1>Credentials for shop_orders</h1>
                        <p>The password is shown only once. Reveal it when you are ready to copy it.</p>
                        <form method="post" action="/reveal/%s">
                          <button type="submit">Reveal the password</button>
                        </form>""".formatted(token)));
            }
            case "POST" -> {
                posts.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                if (revealed.add(token)) {
                    respond(exchange, 200, page("Your password", """
                            <h1>Your password</h1>
                            <p>Copy it now: this page will not show it again.</p>
                            <p><code id="secret">%s</code></p>""".formatted(secret)));
                } else {
                    respond(exchange, 410, page("Already revealed", """
                            <h1>Already revealed</h1>
                            <p>This password was already revealed. Ask for a new one if you did not copy it.</p>"""));
                }
            }
            default -> respond(exchange, 405, page("Method not allowed", ""));
        }
    }

    private void hello(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String name = URLDecoder.decode(body.replaceFirst("^name=", ""), StandardCharsets.UTF_8);
            respond(exchange, 200, page("Hello", "<h1>Hello, " + escape(name) + "!</h1>"));
        } else {
            respond(exchange, 200, page("Hello", """
                    <form method="post" action="/hello">
                      <label>Who are you? <input id="name" name="name"></label>
                      <button type="submit">Greet me</button>
                    </form>"""));
        }
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font:18px/1.5 sans-serif;margin:40px;color:#222}
                code{font-size:22px;background:#eef;padding:6px 10px;border:1px solid #99c}
                button{font-size:18px;padding:8px 16px}</style></head>
                <body>%s</body></html>
                """.formatted(title, body);
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
