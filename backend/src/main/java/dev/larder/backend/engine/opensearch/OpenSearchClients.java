package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.secrets.Secret;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Opens {@link OpenSearchSession}s: opensearch-java over Apache HttpClient 5, HTTP basic sent up front (the security
 * plugin's internal users), TLS checked against {@code larder.opensearch.trust-ca-file} when set (hostname
 * verification stays on), else against the JVM's trust store.
 */
@ApplicationScoped
class OpenSearchClients {

    private final OpenSearchConfig config;
    private final ObjectMapper json;
    private final Map<String, OpenSearchSession> admins = new ConcurrentHashMap<>();
    private volatile SSLContext tls;

    OpenSearchClients(OpenSearchConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * The administrator's session on a cluster, shared: usage is read for every datastore on every metrics round, and
     * a client per call would pay a new connection pool and TLS handshake each time. Closing it does nothing; the
     * sessions end with the application. Keyed by the whole endpoint, so a re-registered cluster gets a new one.
     */
    OpenSearchSession admin(ClusterEndpoint cluster) {
        String key = cluster.name() + "|" + cluster.host() + "|" + cluster.port() + "|" + cluster.adminUser() + "|"
                + Integer.toHexString(cluster.adminPassword().value().hashCode());
        return admins.computeIfAbsent(key, k -> open(cluster, cluster.adminUser(), cluster.adminPassword(),
                config.requestTimeout()).shared());
    }

    @PreDestroy
    void closeAll() {
        admins.values().forEach(OpenSearchSession::end);
        admins.clear();
    }

    OpenSearchSession as(ClusterEndpoint cluster, String user, Secret password) {
        return open(cluster, user, password, config.requestTimeout());
    }

    /** A session whose requests may run as long as a reindex may. */
    OpenSearchSession forReindex(ClusterEndpoint cluster, String user, Secret password) {
        return open(cluster, user, password, config.reindexTimeout().plus(config.requestTimeout()));
    }

    private OpenSearchSession open(ClusterEndpoint cluster, String user, Secret password, Duration responseTimeout) {
        HttpHost host = new HttpHost(config.scheme(), cluster.host(), cluster.port());
        String basic = Base64.getEncoder().encodeToString((user + ":" + password.value())
                .getBytes(StandardCharsets.UTF_8));
        SSLContext context = sslContext();
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)})
                .setHttpClientConfigCallback(http -> http.setConnectionManager(
                        PoolingAsyncClientConnectionManagerBuilder.create()
                                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(context).build())
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.of(config.connectTimeout().toMillis(),
                                                TimeUnit.MILLISECONDS))
                                        .build())
                                .build()))
                .setRequestConfigCallback(request -> request
                        .setResponseTimeout(Timeout.of(responseTimeout.toMillis(), TimeUnit.MILLISECONDS)));
        return new OpenSearchSession(cluster.name(), builder.build(), json);
    }

    private SSLContext sslContext() {
        SSLContext current = tls;
        if (current == null) {
            current = config.trustCaFile().map(OpenSearchClients::trusting).orElseGet(OpenSearchClients::jvmDefault);
            tls = current;
        }
        return current;
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("opensearch-ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new EngineException("larder.opensearch.trust-ca-file " + caFile + " holds no certificate", false);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new EngineException("cannot read larder.opensearch.trust-ca-file " + caFile + ": " + e.getMessage(),
                    false);
        }
    }

    private static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new EngineException("no default TLS context: " + e.getMessage(), false);
        }
    }
}
