package dev.larder.deploy.opensearch;

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
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Runs one real OpenSearch 2.19.1 node with the security plugin in this JVM. Meant to be the only thing in its JVM:
 * started as {@code java -cp <target/node-classpath.txt> dev.larder.deploy.opensearch.OpenSearchNodeMain <dataDir>
 * <httpPort> [name=value ...]} by the backend's tests (OpenSearchNodeProcess) and by {@code deploy/local/opensearch}.
 *
 * <ul>
 *   <li>HTTPS on {@code 127.0.0.1:<httpPort>} ({@code 0} = any free port), transport (TLS) on a free port,
 *       single-node discovery.</li>
 *   <li>The modules a distribution ships (transport-netty4, analysis-common, mapper-extras, lang-painless, reindex)
 *       and the security plugin are loaded as class path plugins; nothing is read from a {@code plugins/}
 *       directory.</li>
 *   <li>{@code <dataDir>/config/}: the node's CA, node and admin certificates ({@link NodeCertificates}) and the
 *       security plugin's initial configuration ({@link SecurityConfig}), written on the first start.</li>
 *   <li>The administrator is user {@value SecurityConfig#ADMIN_USER}; its password is taken from the environment
 *       variable {@value #PASSWORD_ENV} on the first start, or generated and written to {@code
 *       <dataDir>/admin-password} (owner-only). Later starts keep whatever the security index holds.</li>
 *   <li>When the node answers authenticated HTTPS requests with a green cluster it prints {@value #READY_PREFIX}
 *       {@code 127.0.0.1:<port>} on stdout and writes that address to {@code <dataDir>/ready}.</li>
 *   <li>Logs in {@code <dataDir>/logs/opensearch.log}; SIGTERM closes the node cleanly; extra {@code name=value}
 *       arguments override node settings; with {@code -D}{@value #PARENT_PID_PROPERTY}{@code =<pid>} it stops when
 *       that process ends.</li>
 * </ul>
 */
public final class OpenSearchNodeMain {

    /** Start of the line printed on stdout once the node serves authenticated requests. */
    public static final String READY_PREFIX = "LARDER_OPENSEARCH_READY ";
    /** Environment variable: the administrator's password for a new data directory. */
    public static final String PASSWORD_ENV = "LARDER_OPENSEARCH_ADMIN_PASSWORD";
    /** System property: the pid of the process whose end should stop this node. */
    public static final String PARENT_PID_PROPERTY = "larder.opensearch.parent-pid";

    private static final String SECURITY_PLUGIN = "org.opensearch.security.OpenSearchSecurityPlugin";
    private static final List<String> MODULES = List.of(
            "org.opensearch.transport.Netty4Plugin",
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
            "org.opensearch.index.mapper.MapperExtrasPlugin",
            "org.opensearch.painless.PainlessPlugin",
            "org.opensearch.index.reindex.ReindexPlugin",
            SECURITY_PLUGIN);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private OpenSearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OpenSearchNodeMain <dataDir> <httpPort|0> [name=value ...]");
            System.exit(64);
        }
        long t0 = System.nanoTime();
        watchParent();
        Path dataDir = Path.of(args[0]).toAbsolutePath().normalize();
        Path configDir = dataDir.resolve("config");
        Path readyFile = dataDir.resolve("ready");
        Files.createDirectories(configDir);
        Files.deleteIfExists(readyFile);
        // Before the first logger is created: log4j2.xml reads it.
        System.setProperty("larder.opensearch.logs", dataDir.resolve("logs").toString());

        String password = adminPassword(dataDir, configDir);
        NodeCertificates.ensure(configDir);
        Settings.Builder settings = nodeSettings(dataDir, args[1]);
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not a name=value override: " + args[i]);
                System.exit(64);
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings.build(), Map.of(), configDir,
                () -> "larder-opensearch");
        Node node = new ClasspathPluginNode(environment, pluginClasses());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (IOException e) {
                e.printStackTrace();
            }
            System.out.println("LARDER_OPENSEARCH_STOPPED");
        }, "larder-opensearch-shutdown"));
        try {
            node.start();
            TransportAddress http = node.injector().getInstance(HttpServerTransport.class).boundAddress()
                    .publishAddress();
            String address = "127.0.0.1:" + http.getPort();
            awaitGreen(address, password, configDir.resolve(NodeCertificates.CA));
            Files.writeString(readyFile, address + "\n");
            System.out.println(READY_PREFIX + address + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms, pid "
                    + ProcessHandle.current().pid() + ", data " + dataDir + ")");
        } catch (Throwable e) {
            System.err.println("OpenSearch failed to start: " + e + " (details in " + dataDir + "/logs)");
            e.printStackTrace();
            System.exit(1);
        }
        // The node's threads are daemons: this thread keeps the JVM alive until SIGTERM (or the parent's end).
        new java.util.concurrent.CountDownLatch(1).await();
    }

    static Settings.Builder nodeSettings(Path dataDir, String httpPort) {
        String admin = NodeCertificates.ADMIN_DN;
        return Settings.builder()
                .put("cluster.name", "larder-opensearch")
                .put("node.name", "larder-opensearch")
                .put("path.home", dataDir.toString())
                .put("path.data", dataDir.resolve("data").toString())
                .put("path.logs", dataDir.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                // A test machine's disk may be fuller than the default watermarks like.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("plugins.security.ssl.transport.pemcert_filepath", NodeCertificates.NODE)
                .put("plugins.security.ssl.transport.pemkey_filepath", NodeCertificates.NODE_KEY)
                .put("plugins.security.ssl.transport.pemtrustedcas_filepath", NodeCertificates.CA)
                .put("plugins.security.ssl.transport.enforce_hostname_verification", false)
                .put("plugins.security.ssl.http.enabled", true)
                .put("plugins.security.ssl.http.pemcert_filepath", NodeCertificates.NODE)
                .put("plugins.security.ssl.http.pemkey_filepath", NodeCertificates.NODE_KEY)
                .put("plugins.security.ssl.http.pemtrustedcas_filepath", NodeCertificates.CA)
                .putList("plugins.security.nodes_dn", NodeCertificates.NODE_DN)
                .putList("plugins.security.authcz.admin_dn", admin)
                .put("plugins.security.allow_default_init_securityindex", true)
                .put("plugins.security.audit.type", "noop")
                .putList("plugins.security.restapi.roles_enabled", "all_access")
                .put("plugins.security.system_indices.enabled", true)
                .put("plugins.security.check_snapshot_restore_write_privileges", true)
                .put("plugins.security.enable_snapshot_restore_privilege", true);
    }

    private static String adminPassword(Path dataDir, Path configDir) throws IOException {
        String given = System.getenv(PASSWORD_ENV);
        if (Files.exists(configDir.resolve(SecurityConfig.DIR))) {
            return given != null ? given : Files.readString(dataDir.resolve("admin-password")).trim();
        }
        String password = given;
        if (password == null || password.isBlank()) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            OwnerOnlyFiles.write(dataDir.resolve("admin-password"), password + "\n");
        }
        SecurityConfig.write(configDir, password);
        return password;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Plugin>> pluginClasses() throws ClassNotFoundException {
        ClassLoader loader = OpenSearchNodeMain.class.getClassLoader();
        List<Class<? extends Plugin>> classes = new java.util.ArrayList<>();
        for (String name : MODULES) {
            classes.add((Class<? extends Plugin>) Class.forName(name, false, loader));
        }
        return classes;
    }

    /**
     * Waits until the node answers the administrator with a green cluster: the security plugin answers 503 until it
     * has created and loaded its configuration index.
     */
    private static void awaitGreen(String address, String password, Path caFile) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(caFile))
                .connectTimeout(Duration.ofSeconds(5)).build();
        String auth = Base64.getEncoder().encodeToString(
                (SecurityConfig.ADMIN_USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://" + address + "/_cluster/health?wait_for_status=green&timeout=5s"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(15)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"green\"")) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the node did not report a green cluster to the administrator within "
                + READY_TIMEOUT + "; last answer: " + last);
    }

    static SSLContext trusting(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("larder-opensearch-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void watchParent() {
        String parent = System.getProperty(PARENT_PID_PROPERTY);
        if (parent == null || parent.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent.trim())).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> {
                    System.out.println("parent process " + parent + " ended: shutting down");
                    System.exit(0);
                }),
                () -> System.exit(0));
    }

    /** {@link Node}'s constructor that takes plugin classes is protected: this subclass only opens it. */
    private static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }
}
