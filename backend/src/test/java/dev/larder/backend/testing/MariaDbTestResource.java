package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The machine's MariaDB (our MySQL stand-in) as a tenant cluster. Creates an administrator login for Larder with a
 * fresh random password each run (so the "no secret in the log" test has a real admin secret to look for) and
 * removes what earlier runs left: schemas and logins named lt????_…, the prefix every test name carries, and the
 * administrator logins of runs that did not stop cleanly.
 *
 * <p>The administrator login is the run's own ({@code larder_it_admin_<random>}, dropped in {@link #stop()}): runs
 * that share the server at once must not reset each other's admin password.
 */
public class MariaDbTestResource implements QuarkusTestResourceLifecycleManager {

    static final String HOST = System.getenv().getOrDefault("LARDER_IT_MYSQL_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("LARDER_IT_MYSQL_PORT", "3306"));
    static final String ROOT_USER = System.getenv().getOrDefault("LARDER_IT_MYSQL_USER", "root");
    static final String ROOT_PASSWORD = System.getenv().getOrDefault("LARDER_IT_MYSQL_PASSWORD", "");
    static final String ADMIN_PREFIX = "larder_it_admin_";
    static final String LEFTOVER = "^lt[a-z0-9]{4}_";
    static final String LEFTOVER_ADMIN = "^larder_it_admin_[a-z0-9]{6}$";
    /** Personal (access-grant) logins of earlier runs: each run uses its own login prefix lx????. */
    static final String LEFTOVER_ACCESS = "^lx[a-z]{4}_[0-9]+$";

    private String admin;

    @Override
    public Map<String, String> start() {
        String password = randomPassword();
        admin = ADMIN_PREFIX + Api.randomSuffix(6);
        boolean cleanup = !"false".equals(System.getenv("LARDER_IT_CLEANUP"));
        try (Connection root = root(); Statement sql = root.createStatement()) {
            // LARDER_IT_CLEANUP=false when two runs share the server at once (one would drop the other's schemas).
            for (String schema : cleanup ? names(sql, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE"
                    + " SCHEMA_NAME REGEXP '" + LEFTOVER + "'") : List.<String>of()) {
                sql.execute("DROP DATABASE `" + schema + "`");
            }
            for (String user : cleanup ? names(sql, "SELECT DISTINCT User FROM mysql.user WHERE User REGEXP '"
                    + LEFTOVER + "' OR User REGEXP '" + LEFTOVER_ADMIN + "' OR User REGEXP '" + LEFTOVER_ACCESS + "'")
                    : List.<String>of()) {
                sql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
            sql.execute("CREATE USER '" + admin + "'@'%' IDENTIFIED BY '" + password + "'");
            sql.execute("GRANT ALL PRIVILEGES ON *.* TO '" + admin + "'@'%' WITH GRANT OPTION");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is not reachable at " + HOST + ":" + PORT + " as " + ROOT_USER
                    + " (start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd): "
                    + e.getMessage(), e);
        }
        return Map.of(
                "larder.it.mysql.host", HOST,
                "larder.it.mysql.port", String.valueOf(PORT),
                "larder.it.mysql.admin-user", admin,
                "larder.it.mysql.admin-password", password,
                // Personal logins of this run only: the access reconciler never touches another run's.
                "larder.access.login-prefix", "lx" + randomLetters(4));
    }

    private static String randomLetters(int count) {
        StringBuilder sb = new StringBuilder();
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    @Override
    public void stop() {
        if (admin == null) {
            return;
        }
        try (Connection root = root(); Statement sql = root.createStatement()) {
            sql.execute("DROP USER IF EXISTS '" + admin + "'@'%'");
        } catch (SQLException e) {
            System.err.println("MariaDbTestResource: could not drop " + admin + ": " + e.getMessage());
        }
        admin = null;
    }

    public static Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", ROOT_USER, ROOT_PASSWORD);
    }

    private static List<String> names(Statement sql, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Adm");
        for (int i = 0; i < 24; i++) {
            sb.append("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(random.nextInt(57)));
        }
        return sb.toString();
    }
}
