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

    /** How long a step-up link works. */
    @WithDefault("PT5M")
    Duration stepUpTtl();

    /** How a decision made in chat counts, per environment (see ChatDecisionPolicy). */
    Chat chat();

    interface Chat {
        /**
         * Names of the service tokens that are chat bots (larder.auth.service-tokens.&lt;name&gt;): a decision a
         * person makes through one of them follows this policy.
         */
        @WithDefault("slack-bot")
        List<String> serviceTokens();

        @WithDefault("button")
        ChatDecision dev();

        @WithDefault("button")
        ChatDecision staging();

        @WithDefault("step-up")
        ChatDecision prod();
    }

    /** button: the click decides; step-up: the click yields a one-time link to confirm; portal-only: no chat. */
    enum ChatDecision {
        BUTTON, STEP_UP, PORTAL_ONLY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

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
