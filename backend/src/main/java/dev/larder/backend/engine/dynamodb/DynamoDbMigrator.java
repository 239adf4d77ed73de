package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.MigrationFailure;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applies DynamoDB migration files (spec changes, see {@link DynamoDbChange}) with Larder's keys: a table's keys
 * cannot change and its service's policy holds no UpdateTable, so migrations are Larder's to run. Files run in version
 * order; the history table says which ones already ran; every operation converges, so a file cut short runs again.
 */
@ApplicationScoped
class DynamoDbMigrator {

    private static final Logger LOG = Logger.getLogger(DynamoDbMigrator.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Comparator<MigrationScript> VERSION_ORDER = Comparator.comparing(MigrationScript::version,
            DynamoDbMigrator::compareVersions);

    private final DynamoDbClients clients;
    private final DynamoDbConfig config;
    private final ObjectMapper mapper;

    DynamoDbMigrator(DynamoDbClients clients, DynamoDbConfig config, ObjectMapper mapper) {
        this.clients = clients;
        this.config = config;
        this.mapper = mapper;
    }

    MigrationOutcome migrate(ClusterEndpoint cluster, String table, DynamoDbSpec declared,
            List<MigrationScript> scripts) {
        long start = System.nanoTime();
        return clients.call(cluster, "apply migrations to " + table, client -> {
            DynamoDbTables tables = tables(client);
            DynamoDbHistory history = new DynamoDbHistory(client, tables, config.historyTable());
            Set<String> done = history.entries(table).stream().filter(DynamoDbHistory.Entry::success)
                    .map(DynamoDbHistory.Entry::version).collect(Collectors.toSet());
            List<String> applied = new ArrayList<>();
            DynamoDbSpec state = declared;
            for (MigrationScript script : scripts.stream().sorted(VERSION_ORDER).toList()) {
                if (done.contains(script.version())) {
                    state = replay(state, script);
                    continue;
                }
                try {
                    state = run(tables, table, state, script, applied);
                } catch (MigrationFailure failure) {
                    history.record(table, script.version(), script.fileName(), checksum(script), false);
                    throw failure;
                }
                history.record(table, script.version(), script.fileName(), checksum(script), true);
                applied.add(script.version());
                LOG.infof("Applied %s to table %s on cluster %s", script.fileName(), table, cluster.name());
            }
            return new MigrationOutcome(applied, (System.nanoTime() - start) / 1_000_000, List.of());
        });
    }

    /** Applies the whole history to a throwaway table created from the declared spec, then deletes it. */
    void shadowRun(ClusterEndpoint cluster, String table, DynamoDbSpec declared, List<MigrationScript> history) {
        String shadow = table + ".shadow-" + Long.toString(Math.abs(RANDOM.nextLong() % 1_000_000_000L), 36);
        clients.call(cluster, "shadow-run migrations of " + table, client -> {
            DynamoDbTables tables = tables(client);
            try {
                tables.create(shadow, declared, Map.of("larder:shadow-of", table));
                DynamoDbSpec state = declared;
                for (MigrationScript script : history.stream().sorted(VERSION_ORDER).toList()) {
                    state = run(tables, shadow, state, script, List.of());
                }
            } finally {
                tables.delete(shadow);
            }
            return null;
        });
    }

    /** Deletes the records of files that failed; returns what it removed. */
    List<String> repair(ClusterEndpoint cluster, String table) {
        return clients.call(cluster, "repair the migration history of " + table, client -> {
            DynamoDbTables tables = tables(client);
            DynamoDbHistory history = new DynamoDbHistory(client, tables, config.historyTable());
            List<String> removed = new ArrayList<>();
            for (DynamoDbHistory.Entry entry : history.entries(table)) {
                if (!entry.success()) {
                    history.remove(table, entry.version());
                    removed.add("removed the failed record of " + entry.file());
                }
            }
            return removed;
        });
    }

    /** Deletes the table's history records when its data goes. */
    void forget(DynamoDbClient client, DynamoDbTables tables, String table) {
        DynamoDbHistory history = new DynamoDbHistory(client, tables, config.historyTable());
        history.entries(table).forEach(entry -> history.remove(table, entry.version()));
    }

    private DynamoDbSpec run(DynamoDbTables tables, String table, DynamoDbSpec state, MigrationScript script,
            List<String> appliedBefore) {
        List<DynamoDbChange> changes;
        try {
            changes = DynamoDbChange.parse(script.content(), mapper);
        } catch (SpecViolation e) {
            throw failure(script, "", e.path() + ": " + e.getMessage(), appliedBefore, false);
        }
        for (int i = 0; i < changes.size(); i++) {
            DynamoDbChange change = changes.get(i);
            String path = "operations[" + i + "]";
            DynamoDbSpec next;
            try {
                next = change.applyTo(state, path);
            } catch (SpecViolation e) {
                throw failure(script, path, e.path() + ": " + e.getMessage(), appliedBefore, i > 0);
            }
            try {
                execute(tables, table, change, next);
            } catch (EngineException | software.amazon.awssdk.core.exception.SdkException e) {
                throw failure(script, path, e.getMessage(), appliedBefore, i > 0);
            }
            state = next;
        }
        return state;
    }

    private static void execute(DynamoDbTables tables, String table, DynamoDbChange change, DynamoDbSpec after) {
        if (change instanceof DynamoDbChange.AddIndex add) {
            tables.addIndex(table, after, add.index());
        } else if (change instanceof DynamoDbChange.RemoveIndex remove) {
            tables.removeIndex(table, remove.name());
        } else if (change instanceof DynamoDbChange.SetTtl || change instanceof DynamoDbChange.RemoveTtl) {
            tables.setTtl(table, after.ttlAttribute());
        } else if (change instanceof DynamoDbChange.SetBilling) {
            tables.setBilling(table, after);
        } else {
            throw new EngineException("a table's keys cannot change in place", false);
        }
    }

    /** The state after a file that already ran; a file the state cannot follow leaves it as it was. */
    private DynamoDbSpec replay(DynamoDbSpec state, MigrationScript script) {
        try {
            return DynamoDbChange.replay(state, script.content(), mapper);
        } catch (SpecViolation e) {
            return state;
        }
    }

    private DynamoDbTables tables(DynamoDbClient client) {
        return new DynamoDbTables(client, config.waitTimeout());
    }

    private static MigrationFailure failure(MigrationScript script, String operation, String reason,
            List<String> appliedBefore, boolean partial) {
        return new MigrationFailure(script.fileName() + (operation.isEmpty() ? "" : " " + operation) + ": " + reason,
                script.version(), script.fileName(), operation, reason, appliedBefore, partial);
    }

    static String checksum(MigrationScript script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(script.content().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flyway's order: parts split on '.' or '_', compared as numbers. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("[._]");
        String[] right = b.split("[._]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            if (l.compareTo(r) != 0) {
                return l.compareTo(r);
            }
        }
        return 0;
    }
}
