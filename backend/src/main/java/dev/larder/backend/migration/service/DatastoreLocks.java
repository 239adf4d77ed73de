package dev.larder.backend.migration.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One migration at a time per datastore, across every backend replica: a named lock (GET_LOCK) in the
 * control-plane database, held on a connection of its own for as long as the migration runs. The server releases
 * it if the holder dies, so a crashed replica never blocks a datastore.
 */
@ApplicationScoped
public class DatastoreLocks {

    @Inject
    AgroalDataSource dataSource;

    /** A held lock; closing it releases the lock. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private final String name;

        private Held(Connection connection, String name) {
            this.connection = connection;
            this.name = name;
        }

        @Override
        public void close() {
            try (connection; PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                release.setString(1, name);
                release.execute();
            } catch (SQLException e) {
                // Closing the connection releases the lock as well.
            }
        }
    }

    public static class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    public Held acquire(long datastoreId, Duration timeout) {
        String name = "larder.migration." + datastoreId;
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                lock.setString(1, name);
                lock.setLong(2, Math.max(0, timeout.toSeconds()));
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next() && row.getInt(1) == 1) {
                        return new Held(connection, name);
                    }
                }
            }
            connection.close();
            throw new Busy("another migration of datastore " + datastoreId + " held the lock for longer than "
                    + timeout);
        } catch (SQLException e) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // nothing more to release
            }
            throw new IllegalStateException("cannot take the migration lock: " + e.getMessage(), e);
        }
    }
}
