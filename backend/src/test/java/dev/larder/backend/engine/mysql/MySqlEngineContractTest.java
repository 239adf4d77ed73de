package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineContract;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The engine contract against the tests' MariaDB, acting over JDBC as the logins the engine made. */
@QuarkusTest
class MySqlEngineContractTest extends EngineContract {

    @Override
    protected DatastoreKind kind() {
        return DatastoreKind.MYSQL;
    }

    @Override
    protected ClusterEndpoint cluster() {
        return new ClusterEndpoint(Api.CLUSTER, mysqlHost, mysqlPort, mysqlAdminUser, new Secret(mysqlAdminPassword));
    }

    private Connection connect(Tenant tenant, String login, Secret password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + mysqlHost + ":" + mysqlPort + "/"
                + tenant.physicalName(), login, password.value());
    }

    @Override
    protected void write(Tenant tenant, Secret ownerPassword) {
        try (Connection own = connect(tenant, tenant.login(), ownerPassword); Statement sql = own.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS contract (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20))");
            sql.execute("INSERT INTO contract (note) VALUES ('owner')");
        } catch (SQLException e) {
            throw new AssertionError("the owner cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean canRead(Tenant tenant, String login, Secret password) {
        try (Connection connection = connect(tenant, login, password); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM contract")) {
            return rows.next() && rows.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    protected boolean canWrite(Tenant tenant, String login, Secret password) {
        try (Connection connection = connect(tenant, login, password); Statement sql = connection.createStatement()) {
            return sql.executeUpdate("INSERT INTO contract (note) VALUES ('added')") == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    protected boolean holdsData(Tenant tenant) {
        try (Connection admin = DriverManager.getConnection("jdbc:mariadb://" + mysqlHost + ":" + mysqlPort + "/",
                mysqlAdminUser, mysqlAdminPassword);
                PreparedStatement find = admin.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            find.setString(1, tenant.physicalName());
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
