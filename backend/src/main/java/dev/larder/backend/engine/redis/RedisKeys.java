package dev.larder.backend.engine.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Walks the keys matching a pattern with SCAN, never KEYS: SCAN works in small steps, so a large keyspace does not
 * block the server. Only the admin connection may SCAN (tenant logins are denied it, because SCAN sees every key).
 */
final class RedisKeys {

    private RedisKeys() {
    }

    /**
     * Hands the matching keys to {@code batches} in lists of at most {@code batchSize}, stopping after {@code limit}
     * keys; returns how many it handed over. A key may appear twice if the keyspace is rehashed meanwhile (SCAN's
     * guarantee), so callers must tolerate repeats.
     */
    static long scan(Jedis admin, String match, int count, int batchSize, long limit, Consumer<List<String>> batches) {
        ScanParams params = new ScanParams().match(match).count(count);
        String cursor = ScanParams.SCAN_POINTER_START;
        List<String> batch = new ArrayList<>();
        long seen = 0;
        do {
            ScanResult<String> page = admin.scan(cursor, params);
            cursor = page.getCursor();
            for (String key : page.getResult()) {
                if (seen >= limit) {
                    break;
                }
                batch.add(key);
                seen++;
                if (batch.size() >= batchSize) {
                    batches.accept(batch);
                    batch = new ArrayList<>();
                }
            }
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor) && seen < limit);
        if (!batch.isEmpty()) {
            batches.accept(batch);
        }
        return seen;
    }

    /** Every matching key, without repeats, in the order SCAN found them. */
    static List<String> all(Jedis admin, String match, int count) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        scan(admin, match, count, count, Long.MAX_VALUE, keys::addAll);
        return new ArrayList<>(keys);
    }
}
