package dev.larder.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain HTTPS to the tests' OpenSearch node (OpenSearchTestResource), as a user would send it with curl: basic auth,
 * the node's CA trusted, JSON in and out. Used to act with the credentials Larder issues and to look at the node as
 * its administrator.
 */
public final class OpenSearchHttp {

    public static final String CLUSTER = "it-opensearch";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status and JSON body ({@link MissingNode} if none). */
    public record Reply(int status, JsonNode body) {
        public Reply expect(int expected) {
            assertThat(status).as("HTTP status of %s", body).isEqualTo(expected);
            return this;
        }
    }

    private final String base;
    private final HttpClient client;

    private OpenSearchHttp(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** The node OpenSearchTestResource started, as its config properties describe it. */
    public static OpenSearchHttp node() {
        var config = ConfigProvider.getConfig();
        String host = config.getValue("larder.it.opensearch.host", String.class);
        int port = config.getValue("larder.it.opensearch.port", Integer.class);
        return new OpenSearchHttp("https://" + host + ":" + port, HttpClient.newBuilder()
                .sslContext(trusting(Path.of(config.getValue("larder.it.opensearch.ca-file", String.class))))
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    public static String host() {
        return ConfigProvider.getConfig().getValue("larder.it.opensearch.host", String.class);
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("larder.it.opensearch.port", Integer.class);
    }

    public static String adminUser() {
        return ConfigProvider.getConfig().getValue("larder.it.opensearch.admin-user", String.class);
    }

    public static String adminPassword() {
        return SeenSecrets.remember(ConfigProvider.getConfig().getValue("larder.it.opensearch.admin-password",
                String.class));
    }

    /** Registers the tests' node as cluster {@value #CLUSTER} (kind opensearch, dev) once per run. */
    public static void ensureCluster() {
        Api.ensureCluster(CLUSTER, "opensearch", host(), port(), adminUser(), adminPassword());
    }

    /** Creates an OpenSearch datastore on {@value #CLUSTER} as platform-admin; it must come back READY. */
    public static long datastore(String service, String name) {
        ensureCluster();
        return Api.datastore(service, name, "opensearch", CLUSTER, null).getLong("id");
    }

    public Reply asAdmin(String method, String path, Object body) {
        return as(adminUser(), adminPassword(), method, path, body);
    }

    public Reply as(String user, String password, String method, String path, Object body) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? MissingNode.getInstance() : parse(response.body());
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Indexes one document (refresh=true, so a search sees it at once). */
    public Reply index(String user, String password, String index, String id, Map<String, ?> document) {
        return as(user, password, "PUT", "/" + index + "/_doc/" + id + "?refresh=true", document);
    }

    /** Searches everything in an index or alias; the hit count is {@code hits.total.value}. */
    public Reply search(String user, String password, String index) {
        return as(user, password, "POST", "/" + index + "/_search", Map.of("query", Map.of("match_all", Map.of()),
                "track_total_hits", true));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caFile + ": " + e, e);
        }
    }
}
