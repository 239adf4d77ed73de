package dev.larder.backend.access.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "larder.access")
public interface AccessConfig {

    /** No grant may last longer than this, whatever an environment allows. */
    Duration ABSOLUTE_MAX = Duration.ofDays(14);

    /** Prefix of personal logins on the servers (≤ 10 lowercase letters/digits); the reconciler only touches these. */
    @WithDefault("lxa")
    String loginPrefix();

    /** How long a one-time reveal link works. */
    @WithDefault("PT15M")
    Duration revealTtl();

    /** The AccessExpiring event goes out this long before a grant ends. */
    @WithDefault("PT1H")
    Duration reminderBefore();

    /** How often the expiry job (expiry and reminders) runs. */
    @WithDefault("15s")
    String expiryCheckInterval();

    /** How often the reconciler looks for personal logins nobody accounts for. */
    @WithDefault("10m")
    String reconcileInterval();

    /** The base URL people reach Larder at; reveal links start with it. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    Environments environments();

    BreakGlass breakGlass();

    interface Environments {
        @WithDefault("P7D")
        Duration devMaxDuration();

        @WithDefault("P7D")
        Duration stagingMaxDuration();

        @WithDefault("PT8H")
        Duration prodMaxDuration();
    }

    interface BreakGlass {
        /** The longest an emergency self-grant may last. */
        @WithDefault("PT1H")
        Duration maxDuration();

        /** Environments where break-glass is allowed. */
        @WithDefault("prod")
        List<String> environments();
    }

    default Duration maxDuration(String environment) {
        Duration cap = switch (environment) {
            case "prod" -> environments().prodMaxDuration();
            case "staging" -> environments().stagingMaxDuration();
            default -> environments().devMaxDuration();
        };
        return cap.compareTo(ABSOLUTE_MAX) > 0 ? ABSOLUTE_MAX : cap;
    }
}
