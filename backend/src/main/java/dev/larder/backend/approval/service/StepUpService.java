package dev.larder.backend.approval.service;

import dev.larder.backend.approval.domain.Decision;
import dev.larder.backend.approval.domain.StepUp;
import dev.larder.backend.approval.repository.StepUpRepository;
import dev.larder.backend.approval.service.ApprovalViews.DecisionOutcome;
import dev.larder.backend.approval.service.ApprovalViews.StepUpLink;
import dev.larder.backend.approval.service.ApprovalViews.StepUpRequest;
import dev.larder.backend.approval.service.ApprovalViews.StepUpView;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.secrets.OneTimeTokens;
import dev.larder.backend.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Step-up: a decision started in chat is confirmed on a backend page by the person themselves. The link is made
 * for the member who clicked, works once, for {@code larder.approvals.step-up-ttl}; the page accepts only that
 * member's own bearer identity (a JWT from the identity provider, e.g. put there by the company's SSO proxy) —
 * never a service token, so the chat bot cannot confirm for anyone. See the step-up ADR.
 */
@ApplicationScoped
public class StepUpService {

    static final String PAGE_PATH = "/approvals/step-up/";

    @Inject
    StepUpRepository links;

    @Inject
    ApprovalService approvals;

    @Inject
    ApprovalConfig config;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @ConfigProperty(name = "larder.access.public-url")
    String publicUrl;

    /** Issues a link to the calling person, after checking that their decision could be made now. */
    @Transactional
    public StepUpLink issue(long approvalId, StepUpRequest request) {
        if (!caller.presentsOwnIdentity() && caller.via() == null) {
            throw ProblemException.forbidden("A step-up link is for a person confirming their own decision; "
                    + caller.name() + " is not a person.");
        }
        String decision = request == null || request.decision() == null ? null
                : request.decision().strip().toLowerCase(Locale.ROOT);
        if (!Decision.APPROVE.equals(decision) && !Decision.REJECT.equals(decision)) {
            throw ProblemException.invalid("decision", "enum", "must be approve or reject");
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (Decision.REJECT.equals(decision) && reason == null) {
            throw ProblemException.invalid("reason", "reason.required",
                    "a reason is required to reject; the requester will read it");
        }
        if (reason != null && reason.length() > ApprovalService.REASON_MAX) {
            throw ProblemException.invalid("reason", "reason.length", "at most " + ApprovalService.REASON_MAX
                    + " characters");
        }
        approvals.requireMayDecide(approvalId, Decision.APPROVE.equals(decision));
        String token = OneTimeTokens.newToken();
        StepUp link = new StepUp();
        link.tokenHash = OneTimeTokens.sha256(token);
        link.approvalId = approvalId;
        link.member = caller.name().toLowerCase(Locale.ROOT);
        link.decision = decision;
        link.reason = reason;
        link.createdAt = now();
        link.expiresAt = link.createdAt.plus(config.stepUpTtl());
        links.persist(link);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", decision);
        details.put("member", link.member);
        details.put("expiresAt", link.expiresAt.toString());
        audit.record("approval.step-up-issued", "approval", approvalId, details);
        return new StepUpLink(approvalId, decision, publicUrl + PAGE_PATH + token, link.expiresAt);
    }

    /** What the link is for; only its member, signed in as themselves, may look. Changes nothing. */
    @Transactional
    public StepUpView peek(String token) {
        StepUp link = usable(links.byTokenHash(OneTimeTokens.sha256(token == null ? "" : token)).orElse(null));
        return new StepUpView(approvals.get(link.approvalId), link.member, link.decision, link.reason,
                link.expiresAt);
    }

    /** Uses the link: the decision is made as the signed-in person, and the link never works again. */
    @Transactional
    public DecisionOutcome confirm(String token) {
        StepUp link = usable(links.lockByTokenHash(OneTimeTokens.sha256(token == null ? "" : token)).orElse(null));
        link.usedAt = now();
        return approvals.decide(link.approvalId, link.approves(), link.reason);
    }

    private StepUp usable(StepUp link) {
        if (!caller.presentsOwnIdentity()) {
            throw new ProblemException(401, "Sign-in required", "Confirming a decision needs your own Larder"
                    + " identity: open this link through your company's sign-in (SSO), not through a shared or"
                    + " service token.");
        }
        if (link == null) {
            throw ProblemException.notFound("Step-up link", "…");
        }
        String me = caller.name().toLowerCase(Locale.ROOT);
        if (!me.equals(link.member)) {
            throw ProblemException.forbidden("This link was made for " + link.member + ", who clicked in chat; you"
                    + " are signed in as " + me + ". Only they can confirm it.");
        }
        if (link.usedAt != null) {
            throw new ProblemException(410, "Link already used", "This link was used at " + link.usedAt
                    + "; it works once.");
        }
        if (!link.expiresAt.isAfter(now())) {
            throw new ProblemException(410, "Link expired", "This link expired at " + link.expiresAt
                    + "; click the button in chat again for a new one.");
        }
        return link;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
