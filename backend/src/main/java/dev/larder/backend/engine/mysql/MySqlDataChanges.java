package dev.larder.backend.engine.mysql;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DataChangeRefused;
import dev.larder.backend.engine.DataChanges;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Data changes on MySQL, with the datastore's own login: plan, guarded run, rollback from the before-images. */
@ApplicationScoped
class MySqlDataChanges implements DataChanges {

    private final MySqlConnector connector;

    MySqlDataChanges(MySqlConnector connector) {
        this.connector = connector;
    }

    @Override
    public DataChangePlan plan(ClusterEndpoint cluster, Tenant tenant, Secret password, List<String> statements,
            int maxStatements) {
        try (Connection connection = connector.login(cluster, tenant.physicalName(), tenant.login(), password)) {
            return MySqlChangePlanner.plan(connection, cluster, tenant, statements, maxStatements);
        } catch (SQLException e) {
            throw MySqlChangePlanner.connectionFailure(cluster, e, password);
        }
    }

    @Override
    public ExecutionReport execute(ClusterEndpoint cluster, Tenant tenant, Secret password, DataChangePlan plan,
            Guard guard, ImageSink images) {
        try (Connection connection = connector.login(cluster, tenant.physicalName(), tenant.login(), password)) {
            return new MySqlChangeRunner(connection, tenant.physicalName(), guard, images).run(plan);
        } catch (SQLException e) {
            throw new EngineException("Cluster '" + cluster.name() + "' stopped the data change: "
                    + MySqlErrors.firstLine(e, password), e.getSQLState() != null && e.getSQLState().startsWith("08"));
        }
    }

    @Override
    public List<String> changedSince(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<ImageChunk> images) {
        try (Connection connection = connector.login(cluster, tenant.physicalName(), tenant.login(), password)) {
            List<String> changed = new ArrayList<>();
            for (ImageChunk chunk : images) {
                changed.addAll(MySqlRows.changed(connection, chunk, false, 60));
            }
            return changed;
        } catch (SQLException e) {
            throw MySqlChangePlanner.connectionFailure(cluster, e, password);
        }
    }

    @Override
    public ExecutionReport restore(ClusterEndpoint cluster, Tenant tenant, Secret password, List<ImageChunk> images,
            Guard guard) {
        long start = System.nanoTime();
        long longest = 0;
        int transactions = 0;
        List<Long> restored = new ArrayList<>();
        int timeout = (int) Math.max(1, guard.statementTimeout().toSeconds());
        try (Connection connection = connector.login(cluster, tenant.physicalName(), tenant.login(), password)) {
            connection.setAutoCommit(false);
            // Undo in reverse order: the last unit of work first.
            for (int i = images.size() - 1; i >= 0; i--) {
                ImageChunk chunk = images.get(i);
                long began = System.nanoTime();
                try {
                    List<String> changed = MySqlRows.changed(connection, chunk, true, timeout);
                    if (!changed.isEmpty()) {
                        throw new DataChangeRefused("Rows changed since the data change ran, so it cannot be rolled"
                                + " back safely: " + summary(changed), null,
                                new ExecutionReport(restored, 0, longest, transactions));
                    }
                    for (ImageChunk.Row row : chunk.rows()) {
                        MySqlRows.restore(connection, chunk, row, timeout);
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                restored.add(0, (long) chunk.rows().size());
                longest = Math.max(longest, (System.nanoTime() - began) / 1_000_000);
                transactions++;
            }
            return new ExecutionReport(restored, (System.nanoTime() - start) / 1_000_000, longest, transactions);
        } catch (SQLException e) {
            throw new EngineException("Cluster '" + cluster.name() + "' stopped the rollback: "
                    + MySqlErrors.firstLine(e, password), false);
        }
    }

    static String summary(List<String> keys) {
        return keys.size() <= 10 ? String.join(", ", keys)
                : String.join(", ", keys.subList(0, 10)) + " and " + (keys.size() - 10) + " more";
    }
}
