package dev.larder.backend.engine.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "larder.redis")
public interface RedisConfig {

    /**
     * First part of every ACL user Larder creates ({@code <prefix>.<service>.<name>} for datastores,
     * {@code <prefix>.<access prefix>_<grant id>} for time-boxed access), so its users can be told from others.
     */
    @WithDefault("larder")
    String userPrefix();

    /** How long to wait for a cluster to accept a connection, and for one command to answer. */
    @WithDefault("5s")
    Duration timeout();

    /** The COUNT hint of each SCAN call (keys the server looks at per call). */
    @WithDefault("1000")
    int scanCount();

    /** Keys per UNLINK when a decommissioned datastore's keys are deleted. */
    @WithDefault("500")
    int unlinkBatch();

    /** Usage: at most this many keys under the prefix are counted; beyond it the count is a lower bound. */
    @WithDefault("1000000")
    long usageMaxKeys();

    /** Usage: MEMORY USAGE is asked for this many keys; memory_bytes is their average times the key count. */
    @WithDefault("200")
    int usageSampleKeys();
}
