package dev.larder.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The machine's Redis 7 (127.0.0.1:6379, default user without password) as a tenant cluster. It is checked, never
 * started: .ci/run starts it. Creates an ACL administrator for this run ({@code larder_it_redis_<random>}, every
 * right, a fresh random password so the log test has a real secret to look for) and gives Larder a per-run ACL user
 * prefix {@code lr????}, so this run's users (and through their key patterns, its keys) can be found and removed at
 * the end without touching another run's. Registers nothing: the Redis tests register cluster it-redis through the
 * API with this login.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    static final String HOST = System.getenv().getOrDefault("LARDER_IT_REDIS_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("LARDER_IT_REDIS_PORT", "6379"));
    static final String ADMIN_PREFIX = "larder_it_redis_";
    /** Users of earlier runs: their admins and everything made under their lr???? prefix. */
    static final String LEFTOVER_USER = "^(larder_it_redis_[a-z0-9]{6}|lr[a-z]{4}\\..+)$";

    private String admin;
    private String userPrefix;

    @Override
    public Map<String, String> start() {
        admin = ADMIN_PREFIX + Api.randomSuffix(6);
        userPrefix = "lr" + letters(4);
        String password = randomPassword();
        try (Jedis jedis = server()) {
            if (!"false".equals(System.getenv("LARDER_IT_CLEANUP"))) {
                removeUsers(jedis, LEFTOVER_USER);
            }
            jedis.aclSetUser(admin, "reset", "on", ">" + password, "~*", "&*", "+@all");
        } catch (JedisException e) {
            throw new IllegalStateException("Redis is not reachable at " + HOST + ":" + PORT + " as its default user"
                    + " (.ci/run starts it when it is down): " + e.getMessage(), e);
        }
        return Map.of(
                "larder.it.redis.host", HOST,
                "larder.it.redis.port", String.valueOf(PORT),
                "larder.it.redis.admin-user", admin,
                "larder.it.redis.admin-password", password,
                "larder.redis.user-prefix", userPrefix);
    }

    @Override
    public void stop() {
        if (admin == null) {
            return;
        }
        try (Jedis jedis = server()) {
            removeUsers(jedis, "^" + userPrefix + "\\..+$");
            jedis.aclDelUser(admin);
        } catch (JedisException e) {
            System.err.println("RedisTestResource: could not clean up after the run: " + e.getMessage());
        }
        admin = null;
    }

    /** A connection as the server's default user (no password on the test machine). */
    public static Jedis server() {
        return new Jedis(new HostAndPort(HOST, PORT), DefaultJedisClientConfig.builder().build());
    }

    /** Deletes the users whose names match, and the keys their key patterns cover. */
    private static void removeUsers(Jedis jedis, String regex) {
        for (String user : jedis.aclUsers()) {
            if (!user.matches(regex)) {
                continue;
            }
            for (String pattern : keyPatterns(jedis, user)) {
                unlinkAll(jedis, pattern);
            }
            jedis.aclDelUser(user);
        }
    }

    private static List<String> keyPatterns(Jedis jedis, String user) {
        List<String> patterns = new ArrayList<>();
        var info = jedis.aclGetUser(user);
        if (info != null && info.getKeys() != null) {
            for (String pattern : info.getKeys().split(" ")) {
                // Only the tenant prefixes Larder writes (~<service>:<name>:*), never a catch-all.
                if (pattern.matches("~[a-z][a-z0-9_]*:[a-z][a-z0-9_]*:\\*")) {
                    patterns.add(pattern.substring(1));
                }
            }
        }
        return patterns;
    }

    public static void unlinkAll(Jedis jedis, String match) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(match).count(1000));
            cursor = page.getCursor();
            if (!page.getResult().isEmpty()) {
                jedis.unlink(page.getResult().toArray(String[]::new));
            }
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    private static String letters(int count) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private static String randomPassword() {
        return "Rds" + Api.randomSuffix(24);
    }
}
