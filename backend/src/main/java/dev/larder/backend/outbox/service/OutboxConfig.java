package dev.larder.backend.outbox.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "larder.outbox")
public interface OutboxConfig {

    /** How often the relay looks for unpublished events when nothing woke it. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How long one publish may wait for Kafka before the relay gives up and tries again later. */
    @WithDefault("5s")
    Duration sendTimeout();

    /** At most this many events per relay round. */
    @WithDefault("100")
    int batchSize();
}
