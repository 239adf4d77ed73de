package dev.larder.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The throwaway second MariaDB as Quarkus drives it, without Quarkus: grants on, loopback only, gone after stop. */
class SecondMariaDbTestResourceTest {

    @Test
    void aPrivateServerWithGrantsOnThatLeavesNothingBehind() throws Exception {
        SecondMariaDbTestResource resource = new SecondMariaDbTestResource();
        Map<String, String> config = resource.start();
        int port = Integer.parseInt(config.get("larder.it.mysql2.port"));
        Path dataDir;
        try {
            assertThat(config).containsEntry("larder.it.mysql2.host", "127.0.0.1")
                    .containsEntry("larder.it.mysql2.admin-user", SecondMariaDbTestResource.ADMIN);
            assertThat(port).isNotEqualTo(3306);
            String url = "jdbc:mysql://127.0.0.1:" + port + "/";
            try (Connection admin = DriverManager.getConnection(url, SecondMariaDbTestResource.ADMIN,
                    config.get("larder.it.mysql2.admin-password")); Statement sql = admin.createStatement()) {
                dataDir = Path.of(value(sql, "SELECT @@datadir"));
                assertThat(value(sql, "SELECT @@bind_address")).isEqualTo("127.0.0.1");
                assertThat(value(sql, "SELECT @@skip_grant_tables")).isEqualTo("0");
                assertThat(value(sql, "SHOW GRANTS")).contains("ALL PRIVILEGES ON *.*").contains("WITH GRANT OPTION");
                // The admin can do what Larder does on a cluster: create a login that then logs in.
                sql.execute("CREATE USER 'probe'@'%' IDENTIFIED BY 'probe-password-1'");
                DriverManager.getConnection(url, "probe", "probe-password-1").close();
            }
            assertThat(dataDir).exists();
            assertThatThrownBy(() -> DriverManager.getConnection(url, SecondMariaDbTestResource.ADMIN, "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "root", ""))
                    .as("no password-less root over TCP").isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        } finally {
            resource.stop();
        }
        assertThat(dataDir).doesNotExist();
        assertThat(listening(port)).as("stopped").isFalse();
        resource.stop();
    }

    @Test
    void missingBinariesFailWithWhatToInstall() {
        assertThatThrownBy(() -> SecondMariaDbTestResource.executable(List.of("/nonexistent/mariadbd")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/mariadbd")
                .hasMessageContaining("apt-get install mariadb-server");
        assertThat(Files.isExecutable(SecondMariaDbTestResource.executable(SecondMariaDbTestResource.SERVER)))
                .isTrue();
    }

    private static String value(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
