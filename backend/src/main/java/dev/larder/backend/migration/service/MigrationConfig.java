package dev.larder.backend.migration.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "larder.migrations")
public interface MigrationConfig {

    /** Bundles larger than this (sum of file contents, UTF-8) are refused. */
    @WithDefault("5242880")
    long maxBundleBytes();

    /** How many migrations submitted through the REST API may run at once (Kafka has its own consumers). */
    @WithDefault("4")
    int restConcurrency();

    /** Kafka consumers of larder.commands.v1 on this replica (each owns some partitions). */
    @WithDefault("4")
    int kafkaConcurrency();

    /** How long a migration waits for another one of the same datastore to finish before it fails. */
    @WithDefault("10m")
    Duration lockTimeout();

    /**
     * A bundle blocked only by destructive rules ({@code destructive.*}, {@code <kind>.destructive.*}) waits for
     * approval through the approval engine instead of failing. False: such bundles fail at lint.
     */
    @WithDefault("true")
    boolean destructiveApproval();

    /** Run every bundle on a throwaway copy of the schema first. */
    @WithDefault("true")
    boolean shadowRun();
}
