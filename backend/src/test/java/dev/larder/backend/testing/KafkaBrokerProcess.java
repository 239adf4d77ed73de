package dev.larder.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * A real single-node Kafka (KRaft, broker + controller) in a child JVM, for tests. The broker's jars are never on the
 * test class path: the child runs {@code java -cp <deploy/kafka-broker/target/broker-classpath.txt>
 * dev.larder.deploy.kafka.KafkaBrokerMain <dataDir> <port>} (see docs/adr/0003-kafka-broker-in-its-own-jvm.md).
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the data directory, so topics, records and committed
 * offsets survive; that is what a "broker down while we work, back later" test needs.
 *
 * <p>Quarkus may load a test resource and a test class in different class loaders, so static state of this class is
 * not shared between them. The broker that {@link KafkaTestResource} owns is therefore published as JVM-wide system
 * properties ({@value #PID}, {@value #PORT}, {@value #DIR}, {@value #CLASSPATH}, {@value #BOOTSTRAP}); the static
 * {@code *FromSystemProperties} methods act on whatever broker those name, from any class loader.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** System property: pid of the current broker JVM. */
    public static final String PID = "larder.it.kafka.pid";
    /** System property: the broker's client port on 127.0.0.1. */
    public static final String PORT = "larder.it.kafka.port";
    /** System property: the broker's data directory (absolute). */
    public static final String DIR = "larder.it.kafka.dir";
    /** System property: the class path the broker JVM runs with. */
    public static final String CLASSPATH = "larder.it.kafka.classpath";
    /** System property: {@code 127.0.0.1:<port>}. */
    public static final String BOOTSTRAP = "larder.it.kafka.bootstrap";

    /** Optional system property: where broker-classpath.txt is, if not in ../deploy/kafka-broker/target. */
    public static final String CLASSPATH_FILE_OVERRIDE = "larder.kafka.broker.classpath-file";
    /** Optional system property: JVM options of the broker JVM instead of {@link #DEFAULT_JAVA_OPTS}. */
    public static final String JAVA_OPTS_OVERRIDE = "larder.kafka.broker.java-opts";
    public static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    static final String MAIN_CLASS = "dev.larder.deploy.kafka.KafkaBrokerMain";
    static final String READY_PREFIX = "LARDER_KAFKA_READY ";
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int port;
    private final String classpath;
    private volatile ProcessHandle handle;
    private volatile Thread shutdownHook;
    private volatile Duration lastStartup;

    private KafkaBrokerProcess(Path dataDir, int port, String classpath, ProcessHandle handle) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.port = port;
        this.classpath = classpath;
        this.handle = handle;
    }

    // ---------------------------------------------------------------- starting

    /** Starts a broker on {@code 127.0.0.1:port} with its data in {@code dataDir}; returns when it serves clients. */
    public static KafkaBrokerProcess start(Path dataDir, int port) {
        return start(dataDir, port, brokerClasspath());
    }

    /** As {@link #start(Path, int)}, with an explicit broker class path. */
    public static KafkaBrokerProcess start(Path dataDir, int port, String classpath) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dataDir, port, classpath, null);
        broker.launch();
        return broker;
    }

    /** Stops the broker (if it runs) and starts it again on the same port and data directory. */
    public synchronized void restart() {
        stop();
        launch();
    }

    private synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException("the broker at " + bootstrapServers() + " is still running (pid "
                    + handle.pid() + ")");
        }
        Instant begin = Instant.now();
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(readyFile());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String opt : System.getProperty(JAVA_OPTS_OVERRIDE, DEFAULT_JAVA_OPTS).trim().split("\\s+")) {
                if (!opt.isEmpty()) {
                    command.add(opt);
                }
            }
            command.add("-Dlarder.kafka.parent-pid=" + ProcessHandle.current().pid());
            command.add("-cp");
            command.add(classpath);
            command.add(MAIN_CLASS);
            command.add(dataDir.toString());
            command.add(String.valueOf(port));
            Files.writeString(consoleLog(), "---- " + Instant.now() + " starting on port " + port + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()))
                    .start();
            handle = process.toHandle();
            installShutdownHook(handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker JVM in " + dataDir, e);
        }
        try {
            awaitReady(begin.plus(START_TIMEOUT));
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        lastStartup = Duration.between(begin, Instant.now());
    }

    private void awaitReady(Instant deadline) {
        // 1. The launcher writes <dataDir>/ready after KafkaRaftServer.startup() returned.
        while (!Files.exists(readyFile())) {
            if (!handle.isAlive()) {
                throw new IllegalStateException("the Kafka broker JVM exited before it was ready; " + diagnostics());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Kafka broker was not ready within " + START_TIMEOUT + "; "
                        + diagnostics());
            }
            sleep(100);
        }
        // 2. A client sees the broker in the cluster metadata (it is unfenced and answers requests).
        // kafka-clients loads its plugin classes (JmxReporter, ...) through the context class loader: make it ours,
        // or a copy of this class in another class loader (Quarkus) fails with a ClassCastException.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBrokerProcess.class.getClassLoader());
        try {
            awaitAdmin(deadline);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private void awaitAdmin(Instant deadline) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(10, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the Kafka broker at " + bootstrapServers()
                                + " reports no live broker; " + diagnostics());
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (Instant.now().isAfter(deadline) || !handle.isAlive()) {
                        throw new IllegalStateException("the Kafka broker at " + bootstrapServers()
                                + " does not answer an AdminClient: " + e + "; " + diagnostics(), e);
                    }
                }
                sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    // ---------------------------------------------------------------- stopping

    /** Shuts the broker down cleanly (SIGTERM), forcibly after {@link #STOP_TIMEOUT}; returns when it is gone. */
    public synchronized void stop() {
        ProcessHandle current = handle;
        if (current != null) {
            terminate(current, STOP_TIMEOUT);
            removeShutdownHook();
        }
    }

    /** Kills the broker at once (SIGKILL), like a crash; a restart then recovers its logs. */
    public synchronized void kill() {
        ProcessHandle current = handle;
        if (current != null) {
            terminate(current, Duration.ZERO);
            removeShutdownHook();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        if (!grace.isZero()) {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException | ExecutionException e) {
                // falls through to SIGKILL
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("the Kafka broker JVM (pid " + process.pid() + ") did not end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void installShutdownHook(ProcessHandle process) {
        removeShutdownHook();
        // Only JDK classes in the hook: it may run after a Quarkus class loader was closed.
        Thread hook = new Thread(() -> terminate(process, Duration.ofSeconds(5)), "kafka-broker-" + process.pid()
                + "-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: nothing to undo
            }
        }
    }

    // ---------------------------------------------------------------- state

    public boolean isRunning() {
        ProcessHandle current = handle;
        return current != null && current.isAlive();
    }

    /** Pid of the broker JVM (of the last one if stopped). */
    public long pid() {
        return handle.pid();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String classpath() {
        return classpath;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** From spawning the JVM to an AdminClient seeing the broker, for the last (re)start. */
    public Duration lastStartupTime() {
        return lastStartup;
    }

    /** {@code <dataDir>/logs/server.log}: the broker's log. */
    public Path serverLog() {
        return dataDir.resolve("logs").resolve("server.log");
    }

    /** {@code <dataDir>/console.log}: the broker JVM's stdout and stderr, appended on every start. */
    public Path consoleLog() {
        return dataDir.resolve("console.log");
    }

    private Path readyFile() {
        return dataDir.resolve("ready");
    }

    @Override
    public String toString() {
        return "Kafka broker " + bootstrapServers() + " (pid " + (handle == null ? "-" : handle.pid()) + ", data "
                + dataDir + ")";
    }

    // ---------------------------------------------------------------- JVM-wide publication

    /** Publishes this broker as the JVM's test broker ({@value #PID} and friends). */
    public void publishToSystemProperties() {
        System.setProperty(PID, String.valueOf(pid()));
        System.setProperty(PORT, String.valueOf(port));
        System.setProperty(DIR, dataDir.toString());
        System.setProperty(CLASSPATH, classpath);
        System.setProperty(BOOTSTRAP, bootstrapServers());
    }

    /** Removes the published broker's system properties. */
    public static void clearSystemProperties() {
        for (String key : List.of(PID, PORT, DIR, CLASSPATH, BOOTSTRAP)) {
            System.clearProperty(key);
        }
    }

    /**
     * The published broker, attached through its pid (its process may be stopped), or empty if none is published.
     * The returned object controls the same JVM as the one that started it, whichever class loader that was.
     */
    public static Optional<KafkaBrokerProcess> fromSystemProperties() {
        String dir = System.getProperty(DIR);
        String port = System.getProperty(PORT);
        String classpath = System.getProperty(CLASSPATH);
        if (dir == null || port == null || classpath == null) {
            return Optional.empty();
        }
        String pid = System.getProperty(PID);
        ProcessHandle process = pid == null ? null : ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        return Optional.of(new KafkaBrokerProcess(Path.of(dir), Integer.parseInt(port), classpath, process));
    }

    private static KafkaBrokerProcess published() {
        return fromSystemProperties().orElseThrow(() -> new IllegalStateException(
                "no Kafka test broker is published in this JVM (" + PID + " unset): is KafkaTestResource active?"));
    }

    /** {@code 127.0.0.1:<port>} of the published broker. */
    public static String bootstrapFromSystemProperties() {
        return published().bootstrapServers();
    }

    /** Stops the published broker, keeping its port, data and system properties for a later restart. */
    public static void stopFromSystemProperties() {
        published().stop();
    }

    /** Kills (SIGKILL) the published broker, keeping its port, data and system properties. */
    public static void killFromSystemProperties() {
        published().kill();
    }

    /**
     * Starts the published broker again (stopping it first if it runs) on the same port and data directory, waits
     * until it serves clients and publishes the new pid. Returns the time the start took.
     */
    public static Duration restartFromSystemProperties() {
        KafkaBrokerProcess broker = published();
        broker.restart();
        broker.publishToSystemProperties();
        return broker.lastStartupTime();
    }

    /** Whether the published broker's JVM is alive. */
    public static boolean isRunningFromSystemProperties() {
        return fromSystemProperties().map(KafkaBrokerProcess::isRunning).orElse(false);
    }

    // ---------------------------------------------------------------- helpers

    /** The broker's class path, read from the file deploy/kafka-broker's build writes. */
    public static String brokerClasspath() {
        Path file = classpathFile();
        try {
            String classpath = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (classpath.isEmpty() || classpath.contains("${")) {
                throw new IllegalStateException(file + " is not a class path (" + classpath + "): rebuild with"
                        + " ./mvnw verify from the repository root");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * {@code deploy/kafka-broker/target/broker-classpath.txt}: looked for from the working directory (Surefire runs
     * in the module directory, an IDE maybe in the repository root) and its parents, unless
     * {@value #CLASSPATH_FILE_OVERRIDE} names it.
     */
    public static Path classpathFile() {
        String override = System.getProperty(CLASSPATH_FILE_OVERRIDE);
        if (override != null && !override.isBlank()) {
            Path file = Path.of(override);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(CLASSPATH_FILE_OVERRIDE + "=" + override + " is not a file");
            }
            return file;
        }
        return findClasspathFile(Path.of(System.getProperty("user.dir")));
    }

    static Path findClasspathFile(Path from) {
        Path relative = Path.of("deploy", "kafka-broker", "target", "broker-classpath.txt");
        Path start = from.toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The Kafka test broker's class path file " + relative + " was not found from "
                + start + ": it is written by the deploy/kafka-broker module's build. Run ./mvnw verify from the"
                + " repository root (or ./mvnw -pl deploy/kafka-broker -am compile once).");
    }

    /** A port free on 127.0.0.1 right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String diagnostics() {
        return "console (" + consoleLog() + "):\n" + tail(consoleLog(), 30) + "\nserver log (" + serverLog() + "):\n"
                + tail(serverLog(), 30);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
