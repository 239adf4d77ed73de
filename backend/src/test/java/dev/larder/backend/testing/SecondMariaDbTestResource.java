package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second, throwaway MariaDB server for the tests, so that replication groups (hot-hot clusters) are proven against
 * two real servers. It runs the machine's own binaries ({@code mariadb-install-db} and {@code mariadbd}, the Debian
 * {@code mariadb-server} package), with its data directory, socket and pid file in a fresh directory under
 * {@code /dev/shm} (tmpfs; {@code backend/target} when there is none), listening on a free port on 127.0.0.1 only.
 * Grants are on, as in production: root logs in over TCP with an empty password only until an administrator login
 * with a random password and {@code ALL PRIVILEGES … WITH GRANT OPTION} is created, then root is left with the socket
 * in the private directory. Ready in well under two seconds on tmpfs.
 *
 * <p>Config given to the application: {@code larder.it.mysql2.host}, {@code .port}, {@code .admin-user},
 * {@code .admin-password}. {@link #stop()} (and a JVM shutdown hook, for a run that ends without it) stops the
 * server and deletes its directory. Missing binaries fail the run with the package to install; the tests are never
 * skipped silently.
 */
public class SecondMariaDbTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "larder_it_admin2";
    static final List<String> INSTALL_DB = List.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");
    static final List<String> SERVER = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld");
    /** Small InnoDB files and buffers: the server holds a few test schemas. */
    static final List<String> SMALL = List.of("--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M");
    static final long READY_TIMEOUT_MS = 30_000;

    private Path dir;
    private Process server;
    private Thread shutdownHook;

    @Override
    public synchronized Map<String, String> start() {
        long begin = System.nanoTime();
        Path installDb = executable(INSTALL_DB);
        Path mariadbd = executable(SERVER);
        dir = createDirectory();
        shutdownHook = new Thread(this::destroy, "second-mariadb-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Path data = dir.resolve("data");
            install(installDb, data);
            long installed = System.nanoTime();
            int port = launch(mariadbd, data);
            long ready = System.nanoTime();
            String password = randomPassword();
            try (Connection root = connect(port); Statement sql = root.createStatement()) {
                sql.execute("CREATE USER '" + ADMIN + "'@'%' IDENTIFIED BY '" + password + "'");
                sql.execute("GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION");
                // No password-less root over TCP once the admin exists; root@localhost keeps the private socket.
                sql.execute("DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1'");
            }
            System.out.printf("SecondMariaDbTestResource: %s on 127.0.0.1:%d (data in %s) ready in %d ms"
                    + " (install %d ms, start %d ms)%n", mariadbd.getFileName(), port, dir,
                    (System.nanoTime() - begin) / 1_000_000, (installed - begin) / 1_000_000,
                    (ready - installed) / 1_000_000);
            return Map.of(
                    "larder.it.mysql2.host", "127.0.0.1",
                    "larder.it.mysql2.port", String.valueOf(port),
                    "larder.it.mysql2.admin-user", ADMIN,
                    "larder.it.mysql2.admin-password", password);
        } catch (RuntimeException | SQLException e) {
            destroy();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(
                    "the second MariaDB did not take the admin login: " + e.getMessage(), e);
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

    /** Stops the server (TERM, then KILL after 10 s) and deletes its directory. Safe to call twice. */
    private synchronized void destroy() {
        if (server != null) {
            ChildProcesses.stop(server, Duration.ofSeconds(10));
            server = null;
        }
        if (dir != null) {
            ChildProcesses.deleteTree(dir, "SecondMariaDbTestResource");
            dir = null;
        }
    }

    private void install(Path installDb, Path data) {
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"));
        command.addAll(asRoot());
        command.addAll(SMALL);
        Path log = dir.resolve("install.log");
        try {
            Process install = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!install.waitFor(60, TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new IllegalStateException(installDb + " did not finish in 60 s:\n" + tail(log));
            }
            if (install.exitValue() != 0) {
                throw new IllegalStateException(installDb + " failed (exit " + install.exitValue() + "):\n"
                        + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + installDb, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while initialising the second MariaDB", e);
        }
    }

    /** Starts mariadbd on a free port; tries another port if the chosen one was taken in the meantime. */
    private int launch(Path mariadbd, Path data) {
        Path errorLog = dir.resolve("error.log");
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults",
                    "--datadir=" + data, "--socket=" + dir.resolve("mysqld.sock"),
                    "--pid-file=" + dir.resolve("mysqld.pid"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--skip-name-resolve", "--log-error=" + errorLog, "--secure-file-priv=" + dir,
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"));
            command.addAll(asRoot());
            command.addAll(SMALL);
            try {
                server = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("server.out").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + mariadbd, e);
            }
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
            while (true) {
                try (Connection probe = connect(port)) {
                    return port;
                } catch (SQLException notYet) {
                    // not listening yet
                }
                if (!server.isAlive()) {
                    String log = tail(errorLog);
                    server = null;
                    if (attempt < 3 && (log.contains("Address already in use") || log.contains("Bind on TCP/IP"))) {
                        break;
                    }
                    throw new IllegalStateException(mariadbd + " exited while starting on port " + port + ":\n" + log);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(mariadbd + " did not accept connections on 127.0.0.1:" + port
                            + " within " + READY_TIMEOUT_MS + " ms:\n" + tail(errorLog));
                }
                sleep(50);
            }
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?connectTimeout=2000", "root", "");
    }

    /** mariadbd refuses to run as root unless told to; CI (and this machine) run the tests as root. */
    private static List<String> asRoot() {
        return runningAsRoot() ? List.of("--user=root") : List.of();
    }

    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static Path executable(List<String> candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException("The replication-group tests start a second, throwaway MariaDB server from"
                + " the machine's binaries, but none of " + candidates + " exists. Install them: apt-get install"
                + " mariadb-server (the tests' first server, 127.0.0.1:3306, is that package too).");
    }

    private static Path createDirectory() {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of("target").toAbsolutePath();
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "larder-mariadb2-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the second MariaDB under " + base, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the second MariaDB", e);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Adm2");
        for (int i = 0; i < 24; i++) {
            sb.append("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(random.nextInt(57)));
        }
        return sb.toString();
    }
}
