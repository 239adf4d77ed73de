package dev.larder.backend.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "larder.auth")
public interface AuthConfig {

    /** Static bearer tokens for machines (the Slack bot, CI), by name. Keep the tokens in the environment. */
    Map<String, ServiceToken> serviceTokens();

    interface ServiceToken {
        /** The bearer token itself, at least 16 characters. */
        String token();

        /** Roles the token carries, e.g. platform-admin. */
        Optional<List<String>> roles();

        /**
         * Whether the token may act for a person named in the X-Larder-On-Behalf-Of header (Backstage's proxy, the
         * Slack bot). The person is then the actor, with their own teams and no more.
         */
        @io.smallrye.config.WithDefault("false")
        boolean onBehalfOf();
    }
}
