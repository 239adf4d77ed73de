package dev.larder.backend.approval.service;

import dev.larder.backend.approval.service.ApprovalConfig.ChatDecision;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.security.Caller;
import dev.larder.backend.security.ServiceTokenMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a click in chat may decide. A chat identity is only as strong as the chat account (Teleport removed its
 * Slack approve button for this reason), so per environment the backend — not the bot — says whether a decision
 * that arrives through a chat bot's service token counts (button), must be confirmed on a step-up page with the
 * approver's own identity (step-up), or must be made in the portal (portal-only). See docs/adr (slack step-up).
 */
@ApplicationScoped
public class ChatDecisionPolicy {

    @Inject
    ApprovalConfig config;

    @Inject
    Caller caller;

    public ChatDecision forEnvironment(Environment environment) {
        return switch (environment) {
            case DEV -> config.chat().dev();
            case STAGING -> config.chat().staging();
            case PROD -> config.chat().prod();
        };
    }

    /** The policy of every environment, for the bot to draw the right buttons. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Environment environment : Environment.values()) {
            all.put(environment.label(), forEnvironment(environment).label());
        }
        return all;
    }

    /** Whether the caller is a person acting through a chat bot's service token. */
    public boolean viaChat() {
        String via = caller.via();
        return via != null && via.startsWith(ServiceTokenMechanism.SERVICE_PREFIX)
                && config.chat().serviceTokens().contains(via.substring(ServiceTokenMechanism.SERVICE_PREFIX.length()));
    }

    /** Refuses a decision made in chat where the environment's policy wants more than a click. */
    void requireClickDecides(String environment, long approvalId) {
        if (!viaChat()) {
            return;
        }
        ChatDecision policy = forEnvironment(Environment.parse("environment", environment));
        if (policy == ChatDecision.STEP_UP) {
            throw ProblemException.forbidden("In " + environment + " a decision made in chat must be confirmed with"
                    + " your own identity: ask for a step-up link (POST /api/v1/approvals/" + approvalId
                    + "/step-up) and confirm there.");
        }
        if (policy == ChatDecision.PORTAL_ONLY) {
            throw ProblemException.forbidden("In " + environment + " approval request " + approvalId
                    + " can only be decided in the portal, not in chat.");
        }
    }
}
