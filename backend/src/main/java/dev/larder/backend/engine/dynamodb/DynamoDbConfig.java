package dev.larder.backend.engine.dynamodb;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the DynamoDB engine. A cluster's host and port are the endpoint; its admin user and password are Larder's access key id and secret key. */
@ConfigMapping(prefix = "larder.dynamodb")
public interface DynamoDbConfig {

    /** The AWS region the clusters' tables live in (also in the ARNs of rendered policies). */
    @WithDefault("us-east-1")
    String region();

    /** The AWS account id that owns the tables, for the ARNs of rendered policies. */
    @WithDefault("000000000000")
    String accountId();

    /** The table on each cluster where Larder records which migration files it applied to which table. */
    @WithDefault("larder.migration-history")
    String historyTable();

    /** How long to wait for a table or index to become ACTIVE (or gone) after a change. */
    @WithDefault("5m")
    Duration waitTimeout();

    /** How long one API call may take, retries included. */
    @WithDefault("30s")
    Duration callTimeout();
}
