package dev.larder.backend.approval.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The approval policy. Per environment: how many distinct approvals a request needs and who may give them.
 * Three explicit groups rather than a map, so each environment has its own defaults.
 */
@ConfigMapping(prefix = "larder.approvals")
public interface ApprovalConfig {

    /** How long a request waits for its decision before it expires. */
    @WithDefault("PT24H")
    Duration expiry();

    /** How often the expiry job looks for requests past their deadline. */
    @WithDefault("1m")
    String expiryCheckInterval();

    Policies policy();

    interface Policies {
        Dev dev();

        Staging staging();

        Prod prod();
    }

    /** One environment's rules. */
    interface EnvironmentPolicy {
        /** Distinct approvals needed. */
        int required();

        /** Who may decide: owning-team, platform-admin, group:&lt;name&gt; (a JWT group or service-token role). */
        List<String> approvers();
    }

    interface Dev extends EnvironmentPolicy {
        @Override
        @WithDefault("1")
        int required();

        @Override
        @WithDefault("owning-team,platform-admin")
        List<String> approvers();
    }

    interface Staging extends EnvironmentPolicy {
        @Override
        @WithDefault("1")
        int required();

        @Override
        @WithDefault("owning-team,platform-admin")
        List<String> approvers();
    }

    interface Prod extends EnvironmentPolicy {
        @Override
        @WithDefault("2")
        int required();

        @Override
        @WithDefault("owning-team,platform-admin")
        List<String> approvers();
    }
}
