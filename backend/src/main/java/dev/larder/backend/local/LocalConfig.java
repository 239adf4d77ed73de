package dev.larder.backend.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "larder.local")
public interface LocalConfig {

    /** Seed cluster "local", team "demo", member "dev@larder.local" and service "shop" at start-up. */
    @WithDefault("false")
    boolean seed();

    LocalCluster cluster();

    interface LocalCluster {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("3306")
        int port();

        @WithDefault("root")
        String adminUser();

        /** The admin password of the local server; empty for the machine's MariaDB. */
        Optional<String> adminPassword();
    }
}
