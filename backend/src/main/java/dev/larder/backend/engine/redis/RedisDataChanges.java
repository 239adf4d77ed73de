package dev.larder.backend.engine.redis;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DataChangeRefused;
import dev.larder.backend.engine.DataChanges;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.RestoreParams;

/**
 * Reviewed data changes on a key prefix ({@link RedisStatement}: DEL and EXPIRE by pattern). Matching keys are found
 * with SCAN on the admin connection (a tenant login may not SCAN: it would see every tenant's key names), restricted
 * to the prefix by the pattern itself; everything that reads or changes a key runs with the datastore's own login, so
 * the server's ACL holds even if Larder got a key wrong. Each chunk of keys is WATCHed, dumped (DUMP + PTTL, the
 * before-image), handed to the sink, then changed in one MULTI/EXEC, which the server aborts if any of the keys
 * changed since the dump. Rollback RESTOREs the dumps (REPLACE, with the original absolute expiry) as admin,
 * because RESTORE is a {@code @dangerous} command no tenant login holds.
 */
@ApplicationScoped
class RedisDataChanges implements DataChanges {

    /** Most keys one statement may match: more and Larder would hold too many key names in memory at once. */
    static final int MAX_KEYS = 1_000_000;
    static final String TABLE = "keys";
    static final List<String> KEY = List.of("key");
    static final List<String> COLUMNS = List.of("dump", "expires_at_ms");
    static final List<String> BINARY = List.of("dump");

    private final RedisConnector connector;
    private final RedisConfig config;

    RedisDataChanges(RedisConnector connector, RedisConfig config) {
        this.connector = connector;
        this.config = config;
    }

    @Override
    public DataChangePlan plan(ClusterEndpoint cluster, Tenant tenant, Secret password, List<String> statements,
            int maxStatements) {
        List<Finding> findings = new ArrayList<>();
        List<PlannedStatement> planned = new ArrayList<>();
        if (statements.isEmpty()) {
            findings.add(RedisStatement.error("datachange.empty", null, "a data change needs at least one statement"));
        }
        if (statements.size() > maxStatements) {
            findings.add(RedisStatement.error("datachange.too-many-statements", null, statements.size()
                    + " statements; at most " + maxStatements + " per change — split it"));
        }
        try (Jedis admin = connector.admin(cluster)) {
            for (int i = 0; i < statements.size(); i++) {
                RedisStatement statement = RedisStatement.parse(i, statements.get(i), findings);
                if (statement == null) {
                    continue;
                }
                long count = RedisKeys.scan(admin, statement.match(tenant.physicalName()), config.scanCount(),
                        config.scanCount(), MAX_KEYS + 1L, batch -> { });
                if (count > MAX_KEYS) {
                    findings.add(RedisStatement.error("datachange.redis.too-many-keys", i, "the pattern matches more"
                            + " than " + MAX_KEYS + " keys; narrow it and run several changes"));
                    continue;
                }
                if ("*".equals(statement.pattern())) {
                    findings.add(new Finding("datachange.redis.every-key", "WARNING", i, "the pattern '*' matches"
                            + " every key of the datastore"));
                }
                planned.add(new PlannedStatement(i, statement.text(), statement.operation(),
                        statement.match(tenant.physicalName()), KEY, count, "scan"));
            }
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "count the keys of the data change", e);
        }
        return new DataChangePlan(planned, findings);
    }

    @Override
    public ExecutionReport execute(ClusterEndpoint cluster, Tenant tenant, Secret password, DataChangePlan plan,
            Guard guard, ImageSink images) {
        Run run = new Run();
        try (Jedis admin = connector.admin(cluster); Jedis own = connector.login(cluster, tenant.login(), password)) {
            for (PlannedStatement planned : plan.statements()) {
                RedisStatement statement = reparse(planned, run);
                List<String> keys = matching(admin, statement.match(tenant.physicalName()));
                checkTolerance(planned, keys.size(), guard, run);
                long affected = 0;
                int chunkNo = 0;
                for (int from = 0; from < keys.size(); from += guard.maxRowsPerTransaction()) {
                    List<String> chunk = keys.subList(from, Math.min(keys.size(),
                            from + guard.maxRowsPerTransaction()));
                    long began = System.nanoTime();
                    affected += change(own, statement, chunkNo++, chunk, images, run);
                    run.finished(began);
                    if (from + chunk.size() < keys.size()) {
                        pause(guard);
                    }
                }
                run.affected.add(affected);
            }
            return run.report();
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "run the data change", e, password);
        }
    }

    /** One chunk: WATCH, before-image, sink, MULTI … EXEC. Returns the keys changed. */
    private long change(Jedis own, RedisStatement statement, int chunkNo, List<String> keys, ImageSink images,
            Run run) {
        own.watch(keys.toArray(String[]::new));
        List<Dumped> before = dump(own, keys);
        if (before.isEmpty()) {
            own.unwatch();
            return 0;
        }
        long expiresAt = System.currentTimeMillis() + statement.seconds() * 1000;
        List<ImageChunk.Row> rows = new ArrayList<>();
        for (Dumped key : before) {
            List<String> after = "expire".equals(statement.operation())
                    ? List.of(key.dump(), Long.toString(expiresAt)) : null;
            rows.add(new ImageChunk.Row(List.of(key.key()), List.of(key.dump(), Long.toString(key.expiresAt())),
                    after));
        }
        images.store(new ImageChunk(statement.index(), chunkNo, TABLE, KEY, COLUMNS, BINARY, rows));
        Transaction multi = own.multi();
        for (Dumped key : before) {
            if ("delete".equals(statement.operation())) {
                multi.unlink(key.key());
            } else {
                multi.pexpireAt(key.key(), expiresAt);
            }
        }
        List<Object> results = multi.exec();
        if (results == null) {
            throw new DataChangeRefused("Keys of chunk " + (chunkNo + 1) + " of statement " + (statement.index() + 1)
                    + " changed while Larder read their before-image, so the server did not apply the chunk; "
                    + run.transactions + " earlier chunk(s) were applied (roll them back with the rollback endpoint)",
                    statement.text(), run.report());
        }
        return results.stream().mapToLong(result -> result instanceof Long count ? count : 0).sum();
    }

    @Override
    public List<String> changedSince(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<ImageChunk> images) {
        try (Jedis own = connector.login(cluster, tenant.login(), password)) {
            List<String> changed = new ArrayList<>();
            for (ImageChunk chunk : images) {
                changed.addAll(changed(own, chunk));
            }
            return changed;
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "compare the keys with the data change's images", e, password);
        }
    }

    /**
     * A deleted key that exists again, or a key given a TTL whose value is no longer the one the change left, was
     * changed since; an expired key was not (expiring was the change's intent).
     */
    private static List<String> changed(Jedis connection, ImageChunk chunk) {
        List<String> keys = chunk.rows().stream().map(row -> row.key().get(0)).toList();
        List<Dumped> now = dump(connection, keys);
        List<String> changed = new ArrayList<>();
        for (ImageChunk.Row row : chunk.rows()) {
            String key = row.key().get(0);
            Dumped current = now.stream().filter(d -> d.key().equals(key)).findFirst().orElse(null);
            if (current != null && (row.after() == null || !Objects.equals(current.dump(), row.after().get(0)))) {
                changed.add(key);
            }
        }
        return changed;
    }

    @Override
    public ExecutionReport restore(ClusterEndpoint cluster, Tenant tenant, Secret password, List<ImageChunk> images,
            Guard guard) {
        Run run = new Run();
        String prefix = RedisAcl.checkedPrefix(tenant.physicalName());
        try (Jedis admin = connector.admin(cluster)) {
            for (int i = images.size() - 1; i >= 0; i--) {
                ImageChunk chunk = images.get(i);
                long began = System.nanoTime();
                List<String> keys = chunk.rows().stream().map(row -> row.key().get(0)).toList();
                if (keys.stream().anyMatch(key -> !key.startsWith(prefix))) {
                    throw new DataChangeRefused("The before-image holds keys outside " + prefix + "; nothing of this"
                            + " chunk was restored", null, run.report());
                }
                admin.watch(keys.toArray(String[]::new));
                List<String> changed = changed(admin, chunk);
                if (!changed.isEmpty()) {
                    admin.unwatch();
                    throw new DataChangeRefused("Keys changed since the data change ran, so it cannot be rolled back"
                            + " safely: " + String.join(", ", changed.subList(0, Math.min(10, changed.size())))
                            + (changed.size() > 10 ? " and " + (changed.size() - 10) + " more" : ""), null,
                            run.report());
                }
                Transaction multi = admin.multi();
                for (ImageChunk.Row row : chunk.rows()) {
                    long expiresAt = Long.parseLong(row.before().get(1));
                    byte[] dump = Base64.getDecoder().decode(row.before().get(0));
                    multi.restore(row.key().get(0), expiresAt < 0 ? 0 : expiresAt, dump, expiresAt < 0
                            ? RestoreParams.restoreParams().replace()
                            : RestoreParams.restoreParams().replace().absTtl());
                }
                if (multi.exec() == null) {
                    throw new DataChangeRefused("Keys changed while Larder restored them; this chunk was not restored",
                            null, run.report());
                }
                run.affected.add(0, (long) keys.size());
                run.finished(began);
            }
            return run.report();
        } catch (JedisException e) {
            throw RedisConnector.failed(cluster, "restore the keys", e);
        }
    }

    /** The keys as one SCAN saw them, without repeats. */
    private List<String> matching(Jedis admin, String match) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        RedisKeys.scan(admin, match, config.scanCount(), config.scanCount(), MAX_KEYS, keys::addAll);
        return new ArrayList<>(keys);
    }

    /** DUMP and PTTL of each key in one round trip; keys gone meanwhile are left out. */
    private static List<Dumped> dump(Jedis connection, List<String> keys) {
        long now = System.currentTimeMillis();
        List<Response<byte[]>> dumps = new ArrayList<>();
        List<Response<Long>> ttls = new ArrayList<>();
        try (Pipeline pipeline = connection.pipelined()) {
            for (String key : keys) {
                dumps.add(pipeline.dump(key));
                ttls.add(pipeline.pttl(key));
            }
            pipeline.sync();
        }
        List<Dumped> dumped = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            byte[] value = dumps.get(i).get();
            if (value != null) {
                long ttl = ttls.get(i).get();
                dumped.add(new Dumped(keys.get(i), Base64.getEncoder().encodeToString(value), ttl < 0 ? -1
                        : now + ttl));
            }
        }
        return dumped;
    }

    private static RedisStatement reparse(PlannedStatement planned, Run run) {
        RedisStatement statement = RedisStatement.parse(planned.index(), planned.sql(), new ArrayList<>());
        if (statement == null) {
            throw new DataChangeRefused("Statement " + (planned.index() + 1) + " no longer passes its checks",
                    planned.sql(), run.report());
        }
        return statement;
    }

    private static void checkTolerance(PlannedStatement statement, long actual, Guard guard, Run run) {
        long estimate = statement.estimatedRows();
        long allowed = Math.max(guard.toleranceRows(), (long) Math.ceil(estimate * guard.tolerance()));
        if (Math.abs(actual - estimate) > allowed) {
            throw new DataChangeRefused("Statement " + (statement.index() + 1) + " would touch " + actual
                    + " keys; the approved estimate was " + estimate + " (tolerance " + allowed + "). The data has"
                    + " changed since the review: nothing more was changed; submit the change again",
                    statement.sql(), run.report());
        }
    }

    private static void pause(Guard guard) {
        try {
            Thread.sleep(guard.chunkPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A key's value as DUMP gives it (base64) and its absolute expiry in ms, -1 when it has none. */
    private record Dumped(String key, String dump, long expiresAt) {
    }

    /** What a run did so far, for its report and for the partial report of a refusal. */
    private static final class Run {
        final List<Long> affected = new ArrayList<>();
        final long start = System.nanoTime();
        long longestMs;
        int transactions;

        void finished(long began) {
            longestMs = Math.max(longestMs, (System.nanoTime() - began) / 1_000_000);
            transactions++;
        }

        ExecutionReport report() {
            return new ExecutionReport(List.copyOf(affected), (System.nanoTime() - start) / 1_000_000, longestMs,
                    transactions);
        }
    }
}
