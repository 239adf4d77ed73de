package dev.larder.backend.engine.opensearch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the OpenSearch engine. TLS trust is the engine's, not the cluster record's: a cluster registered
 * through the API carries host, port and an administrator, and every OpenSearch cluster's certificate is checked
 * against {@link #trustCaFile()} when it is set, else against the JVM's default trust store (a publicly trusted
 * certificate, as managed services have).
 */
@ConfigMapping(prefix = "larder.opensearch")
public interface OpenSearchConfig {

    /** PEM file with the CA certificate(s) that signed the clusters' HTTP certificates; only those are trusted. */
    Optional<Path> trustCaFile();

    /** {@code https} (the security plugin's REST layer), or {@code http} for a cluster behind a TLS proxy. */
    @WithDefault("https")
    String scheme();

    /** Replicas of every index Larder creates (0 on a single node, where a replica could never be assigned). */
    @WithDefault("1")
    int numberOfReplicas();

    /** How long to wait for a cluster to accept a connection before the operation fails. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long one request may take (a reindex waits for {@link #reindexTimeout()} instead). */
    @WithDefault("60s")
    Duration requestTimeout();

    /** How long the reindex of an incompatible migration may take. */
    @WithDefault("30m")
    Duration reindexTimeout();
}
