package dev.larder.backend.engine.mysql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "larder.mysql")
public interface MySqlConfig {

    /** MAX_USER_CONNECTIONS for each datastore's own login. */
    @WithDefault("50")
    int maxUserConnections();

    /** MAX_USER_CONNECTIONS for personal (time-boxed) logins. */
    @WithDefault("5")
    int accessMaxUserConnections();

    /** How long to wait for a cluster to accept a connection before the operation fails. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long one administrative statement may take. */
    @WithDefault("60s")
    Duration statementTimeout();
}
