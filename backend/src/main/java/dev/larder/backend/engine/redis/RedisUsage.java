package dev.larder.backend.engine.redis;

import dev.larder.backend.engine.Usage;
import dev.larder.backend.engine.Usage.Measure;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Keys and memory under a datastore's prefix, measured with SCAN and MEMORY USAGE on the admin connection. Redis
 * keeps no per-prefix totals, so this is a sample: keys are counted up to {@code larder.redis.usage-max-keys} (beyond
 * it the count is a lower bound), MEMORY USAGE is asked for the first {@code usage-sample-keys} keys SCAN returns
 * (hash order, so an unbiased pick of key names, each with MEMORY USAGE's own SAMPLES 5 for collections), and
 * {@code memory_bytes} is their average times the key count. {@code memory_sample_keys} says how many keys the
 * estimate rests on.
 */
final class RedisUsage {

    private RedisUsage() {
    }

    static Usage of(Jedis admin, String prefix, RedisConfig config) {
        List<String> sample = new ArrayList<>();
        long keys = RedisKeys.scan(admin, RedisAcl.checkedPrefix(prefix) + "*", config.scanCount(),
                config.scanCount(), config.usageMaxKeys(), batch -> {
                    for (String key : batch) {
                        if (sample.size() < config.usageSampleKeys()) {
                            sample.add(key);
                        }
                    }
                });
        List<Response<Long>> sizes = new ArrayList<>();
        try (Pipeline pipeline = admin.pipelined()) {
            for (String key : sample) {
                sizes.add(pipeline.memoryUsage(key, 5));
            }
            pipeline.sync();
        }
        long measured = 0;
        long bytes = 0;
        for (Response<Long> size : sizes) {
            Long value = size.get();
            if (value != null) {
                measured++;
                bytes += value;
            }
        }
        double memory = measured == 0 ? 0 : (double) bytes / measured * keys;
        return new Usage(List.of(Measure.of("keys", keys), Measure.of("memory_bytes", Math.round(memory)),
                Measure.of("memory_sample_keys", measured)));
    }
}
