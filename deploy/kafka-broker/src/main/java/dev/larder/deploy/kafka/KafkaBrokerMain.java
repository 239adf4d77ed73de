package dev.larder.deploy.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs one real Kafka node in KRaft combined mode (broker + controller, node.id 1) in this JVM. Meant to be the only
 * thing in its JVM: started as {@code java -cp <target/broker-classpath.txt> dev.larder.deploy.kafka.KafkaBrokerMain
 * <dataDir> <port> [name=value ...]} by the backend's tests (KafkaBrokerProcess) and by {@code deploy/local/kafka}.
 *
 * <ul>
 *   <li>Client listener {@code PLAINTEXT://127.0.0.1:<port>}; the controller listener takes another free port
 *       (static voter, so it may differ between runs).</li>
 *   <li>Data in {@code <dataDir>/kraft}, formatted with a fresh cluster id on the first start and reused after, so
 *       topics, records and committed offsets survive a stop and a start on the same directory.</li>
 *   <li>Logs in {@code <dataDir>/logs/server.log} ({@code -Dkafka.logs.dir} overrides); stdout carries only this
 *       launcher's lines.</li>
 *   <li>When the node is up (controller elected, broker unfenced, listeners accepting) it prints
 *       {@value #READY_PREFIX}{@code 127.0.0.1:<port>} on stdout and writes {@code <dataDir>/ready}.</li>
 *   <li>SIGTERM shuts the node down cleanly; extra {@code name=value} arguments override broker properties.</li>
 *   <li>With {@code -D}{@value #PARENT_PID_PROPERTY}{@code =<pid>} it shuts itself down when that process ends, so a
 *       test JVM killed without running its shutdown hooks leaves no broker behind.</li>
 * </ul>
 */
public final class KafkaBrokerMain {

    /** Start of the line printed on stdout once the broker serves clients. */
    public static final String READY_PREFIX = "LARDER_KAFKA_READY ";

    /** System property: the pid of the process whose end should stop this broker. */
    public static final String PARENT_PID_PROPERTY = "larder.kafka.parent-pid";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KafkaBrokerMain <dataDir> <port> [name=value ...]");
            System.exit(64);
        }
        long t0 = System.nanoTime();
        watchParent();
        Path dataDir = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        Path logDir = dataDir.resolve("kraft");
        Path readyFile = dataDir.resolve("ready");
        Files.createDirectories(logDir);
        Files.deleteIfExists(readyFile);
        // Before the first logger is created: log4j2.xml reads it.
        if (System.getProperty("kafka.logs.dir") == null) {
            System.setProperty("kafka.logs.dir", dataDir.resolve("logs").toString());
        }

        Properties props = brokerProperties(logDir, port, freePort());
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not a name=value override: " + args[i]);
                System.exit(64);
            }
            props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Path propsFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "written by " + KafkaBrokerMain.class.getName() + " on every start");
        }

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "--cluster-id", clusterId, "--config", propsFile.toString()},
                    new PrintStream(System.out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                System.err.println("kafka-storage format failed with exit code " + rc + " (see " + dataDir + "/logs)");
                System.exit(2);
            }
        }

        kafka.server.KafkaConfig config = kafka.server.KafkaConfig.fromProps(props, false);
        kafka.server.KafkaRaftServer server =
                new kafka.server.KafkaRaftServer(config, org.apache.kafka.common.utils.Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            System.out.println("LARDER_KAFKA_STOPPED");
        }, "larder-kafka-shutdown"));
        try {
            // Returns once the controller is active and the broker is unfenced with its listeners accepting.
            server.startup();
        } catch (Throwable e) {
            System.err.println("Kafka failed to start: " + e + " (details in " + System.getProperty("kafka.logs.dir")
                    + "/server.log)");
            e.printStackTrace();
            System.exit(1);
        }
        String address = "127.0.0.1:" + port;
        Files.writeString(readyFile, address + "\n");
        System.out.println(READY_PREFIX + address + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms, pid "
                + ProcessHandle.current().pid() + ", data " + dataDir + ")");
        server.awaitShutdown();
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

    static Properties brokerProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "8");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.retention.hours", "168");
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
