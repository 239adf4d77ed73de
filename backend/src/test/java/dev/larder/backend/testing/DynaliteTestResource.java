package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A DynamoDB API for the tests: dynalite (npm) behind the project's gap-filling proxy, {@code deploy/dynalite/server.js}
 * (see deploy/README.md for what the proxy emulates), in its own Node process on a free port of 127.0.0.1, in-memory,
 * once per test JVM. The build's {@code deploy/dynalite} module has run {@code npm ci} before the backend's tests. The
 * process watches the test JVM's pid and ends with it; {@link #stop()} ends it too.
 *
 * <p>Config given to the application: {@code larder.it.dynamodb.host}, {@code .port}, {@code .access-key},
 * {@code .secret-key} (any keys: dynalite does not check signatures), and {@code larder.dynamodb.region} and
 * {@code .account-id}, which dynalite also uses in the ARNs it reports, so rendered policies and DescribeTable agree.
 */
public class DynaliteTestResource implements QuarkusTestResourceLifecycleManager {

    /** The name tests register dynalite under (a dev cluster of kind dynamodb). */
    public static final String CLUSTER = "it-dynamodb";
    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT_ID = "123456789012";
    static final Path SERVER = Path.of("..", "deploy", "dynalite", "server.js");
    static final long READY_TIMEOUT_MS = 30_000;
    private static final Pattern READY = Pattern.compile("LARDER_DYNALITE_READY http://127\\.0\\.0\\.1:(\\d+)");

    private Process server;

    @Override
    public synchronized Map<String, String> start() {
        Path script = SERVER.toAbsolutePath().normalize();
        if (!Files.isDirectory(script.getParent().resolve("node_modules").resolve("dynalite"))) {
            throw new IllegalStateException("dynalite is not installed: build the deploy/dynalite module first"
                    + " (./mvnw -pl deploy/dynalite generate-resources, or any build of the backend with -am)");
        }
        long begin = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString(), "--host", "127.0.0.1",
                    "--port", "0", "--parent-pid", String.valueOf(ProcessHandle.current().pid())))
                    .redirectErrorStream(true);
            builder.environment().put("AWS_REGION", REGION);
            builder.environment().put("AWS_ACCOUNT_ID", ACCOUNT_ID);
            server = builder.start();
            int port = awaitReady(server);
            System.out.printf("DynaliteTestResource: dynalite + proxy (pid %d) on 127.0.0.1:%d ready in %d ms%n",
                    server.pid(), port, (System.nanoTime() - begin) / 1_000_000);
            return Map.of(
                    "larder.it.dynamodb.host", "127.0.0.1",
                    "larder.it.dynamodb.port", String.valueOf(port),
                    "larder.it.dynamodb.access-key", "AKIALARDERTEST",
                    "larder.it.dynamodb.secret-key", "larder-test-dynamodb-secret-key",
                    "larder.dynamodb.region", REGION,
                    "larder.dynamodb.account-id", ACCOUNT_ID);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot start node (Node 20+ must be on the PATH)", e);
        }
    }

    /** Registers the tests' dynalite as cluster {@value #CLUSTER} once per run and returns that name. */
    public static String ensureCluster() {
        Config config = ConfigProvider.getConfig();
        Api.ensureCluster(CLUSTER, "dynamodb", config.getValue("larder.it.dynamodb.host", String.class),
                config.getValue("larder.it.dynamodb.port", Integer.class),
                config.getValue("larder.it.dynamodb.access-key", String.class),
                config.getValue("larder.it.dynamodb.secret-key", String.class));
        return CLUSTER;
    }

    /** Reads the server's output until it says where it listens; keeps draining it afterwards. */
    private static int awaitReady(Process process) {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = output.readLine()) != null;) {
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        port.complete(Integer.parseInt(ready.group(1)));
                    } else if (!port.isDone()) {
                        seen.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended; the wait below reports it
            }
            port.completeExceptionally(new IllegalStateException("dynalite ended: " + String.join("\n", seen)));
        }, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start within " + READY_TIMEOUT_MS + " ms: "
                    + String.join("\n", seen), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        ChildProcesses.stop(server, Duration.ofSeconds(10));
        server = null;
    }
}
