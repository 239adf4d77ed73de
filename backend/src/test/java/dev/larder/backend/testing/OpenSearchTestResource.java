package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real OpenSearch 2.19.1 node with the security plugin for the tests, in its own JVM: {@code java -cp
 * <deploy/opensearch-node/target/node-classpath.txt> dev.larder.deploy.opensearch.OpenSearchNodeMain <dir> 0} (see
 * deploy/README.md). One node per test JVM, data in {@code backend/target/opensearch-it-<random>/}, HTTPS on a free
 * port of 127.0.0.1, a random administrator password per run, deleted at the end.
 *
 * <p>Config given to the application and the tests: {@code larder.opensearch.trust-ca-file} (the node's CA, so the
 * engine trusts its certificate) and {@code larder.it.opensearch.{host,port,admin-user,admin-password,ca-file}}.
 * The node JVM also stops by itself when the test JVM ends ({@code -Dlarder.opensearch.parent-pid}).
 */
public class OpenSearchTestResource implements QuarkusTestResourceLifecycleManager {

    /** Optional system property: where node-classpath.txt is, if not in ../deploy/opensearch-node/target. */
    public static final String CLASSPATH_FILE_OVERRIDE = "larder.opensearch.node.classpath-file";
    /** Optional system property: JVM options of the node JVM instead of {@link #DEFAULT_JAVA_OPTS}. */
    public static final String JAVA_OPTS_OVERRIDE = "larder.opensearch.node.java-opts";
    public static final String DEFAULT_JAVA_OPTS = "-Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final String MAIN_CLASS = "dev.larder.deploy.opensearch.OpenSearchNodeMain";
    static final String ADMIN_USER = "admin";
    static final long READY_TIMEOUT_MS = 180_000;

    private Path dir;
    private Process node;
    private Thread shutdownHook;

    @Override
    public synchronized Map<String, String> start() {
        long begin = System.nanoTime();
        dir = Path.of("target").toAbsolutePath().resolve("opensearch-it-" + UUID.randomUUID().toString()
                .substring(0, 8));
        String password = randomPassword();
        shutdownHook = new Thread(this::destroy, "opensearch-node-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String opt : System.getProperty(JAVA_OPTS_OVERRIDE, DEFAULT_JAVA_OPTS).trim().split("\\s+")) {
                if (!opt.isEmpty()) {
                    command.add(opt);
                }
            }
            command.add("-Dlarder.opensearch.parent-pid=" + ProcessHandle.current().pid());
            command.addAll(List.of("-cp", classpath(), MAIN_CLASS, dir.toString(), "0"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile());
            // The password reaches the node through its environment, never its command line (ps shows that).
            builder.environment().put("LARDER_OPENSEARCH_ADMIN_PASSWORD", password);
            node = builder.start();
            String address = awaitReady();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            String ca = dir.resolve("config").resolve("root-ca.pem").toString();
            System.out.printf("OpenSearchTestResource: OpenSearch 2.19.1 + security plugin on https://%s (pid %d,"
                    + " data %s) ready in %d ms%n", address, node.pid(), dir, (System.nanoTime() - begin) / 1_000_000);
            return Map.of(
                    "larder.opensearch.trust-ca-file", ca,
                    "larder.it.opensearch.host", "127.0.0.1",
                    "larder.it.opensearch.port", String.valueOf(port),
                    "larder.it.opensearch.admin-user", ADMIN_USER,
                    "larder.it.opensearch.admin-password", password,
                    "larder.it.opensearch.ca-file", ca);
        } catch (IOException | RuntimeException e) {
            String console = consoleTail();
            destroy();
            throw new IllegalStateException("the OpenSearch node did not start: " + e.getMessage() + "\n" + console,
                    e);
        }
    }

    @Override
    public synchronized void stop() {
        destroy();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it does the same work
            }
            shutdownHook = null;
        }
    }

    private String awaitReady() throws IOException {
        Path ready = dir.resolve("ready");
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (!Files.exists(ready) || Files.readString(ready).isBlank()) {
            if (!node.isAlive()) {
                throw new IllegalStateException("the node JVM exited with " + node.exitValue());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the node was not ready within " + READY_TIMEOUT_MS + " ms");
            }
            sleep(200);
        }
        return Files.readString(ready).trim();
    }

    /** Stops the node (TERM, then KILL after 20 s) and deletes its directory. Safe to call twice. */
    private synchronized void destroy() {
        if (node != null) {
            ChildProcesses.stop(node, Duration.ofSeconds(20));
            node = null;
        }
        if (dir != null && !Boolean.getBoolean("larder.opensearch.keep-data")) {
            ChildProcesses.deleteTree(dir, "OpenSearchTestResource");
            dir = null;
        }
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no console log)";
        }
    }

    static String classpath() {
        Path file = Path.of(System.getProperty(CLASSPATH_FILE_OVERRIDE,
                "../deploy/opensearch-node/target/node-classpath.txt"));
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file.toAbsolutePath() + ": build deploy/opensearch-node first"
                    + " (./mvnw -pl deploy/opensearch-node package, or any ./mvnw verify from the root)", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        // Upper, lower, digit and a symbol, whatever the random part holds: the security plugin may check strength.
        return SeenSecrets.remember("Os1-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the OpenSearch node", e);
        }
    }
}
