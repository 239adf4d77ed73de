package dev.larder.backend.access.service;

import dev.larder.backend.access.domain.AccessGrant;
import dev.larder.backend.access.domain.AccessState;
import dev.larder.backend.access.repository.AccessGrantRepository;
import dev.larder.backend.access.service.AccessViews.AccessView;
import dev.larder.backend.access.service.AccessViews.Endpoint;
import dev.larder.backend.access.service.AccessViews.NewAccessRequest;
import dev.larder.backend.access.service.AccessViews.RevealedAccess;
import dev.larder.backend.approval.service.ApprovalService;
import dev.larder.backend.approval.service.ApprovalViews.NewApproval;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Credentials;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.secrets.OneTimeTokens;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.secrets.SecretBox;
import dev.larder.backend.security.Caller;
import dev.larder.events.CloudEvent;
import dev.larder.events.access.AccessExpired;
import dev.larder.events.access.AccessGranted;
import dev.larder.events.access.AccessLevel;
import dev.larder.events.access.AccessRevoked;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Time-boxed personal access: request, approval, a real personal login on the server, a one-time reveal, and its
 * end (expiry, early revoke). Break-glass gives a member access at once in an emergency, loudly, and opens a review.
 */
@ApplicationScoped
public class AccessService {

    static final String SUBJECT = "access";

    @Inject
    AccessGrantRepository grants;

    @Inject
    DatastoreTargets targets;

    @Inject
    ApprovalService approvals;

    @Inject
    AccessConfig config;

    @Inject
    SecretBox secrets;

    @Inject
    Outbox outbox;

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    @Transactional
    public AccessView request(long datastoreId, NewAccessRequest request) {
        Target target = targets.target(datastoreId);
        targets.requireOwner(target, "request access to it");
        if (target.state() != DatastoreState.READY) {
            throw ProblemException.unprocessable("Datastore " + datastoreId + " is " + target.state());
        }
        AccessGrants engine = engine(target);
        String level = level(request.level());
        boolean breakGlass = Boolean.TRUE.equals(request.breakGlass());
        Duration duration = duration(request.duration(), breakGlass ? config.breakGlass().maxDuration()
                : config.maxDuration(target.environment()), breakGlass ? "break-glass" : target.environment());
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.length() < 10) {
            throw ProblemException.invalid("reason", "reason.required", "say why you need access, in at least 10"
                    + " characters; approvers read it");
        }
        if (breakGlass && !config.breakGlass().environments().contains(target.environment())) {
            throw ProblemException.invalid("breakGlass", "access.break-glass-environment", "break-glass is for "
                    + String.join(", ", config.breakGlass().environments()) + " emergencies; in "
                    + target.environment() + " ask for access the usual way");
        }
        AccessGrant grant = new AccessGrant();
        grant.datastoreId = datastoreId;
        grant.holder = caller.name();
        grant.level = level;
        grant.durationSeconds = duration.toSeconds();
        grant.reason = reason;
        grant.ticket = request.ticket();
        grant.breakGlass = breakGlass;
        grant.state = AccessState.PENDING;
        grant.createdAt = Instant.now();
        grants.persist(grant);
        Map<String, Object> details = details(grant);
        details.put("duration", duration.toString());
        audit.record(breakGlass ? "access.break-glass" : "access.requested", "datastore", datastoreId, details);
        String summary = (breakGlass ? "BREAK-GLASS review: " + grant.holder + " gave themselves " : grant.holder
                + " asks for ") + level + " access to " + target.tenant().physicalName() + " (" + target.environment()
                + ") for " + duration + ". Why: " + reason;
        grant.approvalId = approvals.open(new NewApproval(SUBJECT, grant.id, datastoreId, target.teamId(),
                target.environment(), grant.holder, summary.length() > 2000 ? summary.substring(0, 2000) : summary,
                false)).id();
        if (breakGlass) {
            activate(grant, target, engine);
        }
        return view(grant);
    }

    /** Creates the personal login everywhere, seals its password and arms the one-time reveal link. */
    void activate(AccessGrant grant, Target target, AccessGrants engine) {
        String login = engine.loginFor(grant.id);
        Secret password = secrets.newPassword(32);
        AccessGrants.Level level = AccessGrants.Level.valueOf(grant.level.toUpperCase(Locale.ROOT));
        for (ClusterEndpoint cluster : target.clusters()) {
            try {
                engine.grant(cluster, target.tenant(), login, password, level);
            } catch (EngineException e) {
                throw ProblemException.badGateway("Could not create the personal login: " + e.getMessage());
            }
        }
        String token = OneTimeTokens.newToken();
        Instant now = Instant.now();
        grant.login = login;
        grant.secretEnc = secrets.encrypt(password, context(grant));
        grant.revealTokenHash = OneTimeTokens.sha256(token);
        grant.revealExpiresAt = now.plus(config.revealTtl());
        grant.activatedAt = now;
        grant.expiresAt = now.plusSeconds(grant.durationSeconds);
        grant.state = AccessState.ACTIVE;
        Map<String, Object> details = details(grant);
        details.put("login", login);
        details.put("expiresAt", grant.expiresAt.toString());
        audit.record("access.granted", "datastore", grant.datastoreId, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(grant.datastoreId),
                new AccessGranted(grant.id, grant.datastoreId, grant.holder, AccessLevel.valueOf(level.name()),
                        grant.expiresAt, config.publicUrl() + "/access/reveal/" + token, grant.breakGlass))
                .withId("access/" + grant.id + "/granted"));
    }

    /** The holder's one-time look at the credential, through the API. */
    @Transactional
    public RevealedAccess reveal(long grantId) {
        AccessGrant grant = grants.lock(grantId).orElseThrow(() -> ProblemException.notFound("Access grant",
                grantId));
        if (!grant.holder.equalsIgnoreCase(caller.name())) {
            throw ProblemException.forbidden("Only the holder (" + grant.holder + ") may reveal grant " + grantId
                    + ".");
        }
        return revealOnce(grant, caller.name());
    }

    /** The one-time reveal link: the token is the capability; it works once, for a short time. */
    @Transactional
    public RevealedAccess revealByLink(String token, String client) {
        AccessGrant grant = token == null ? null : grants.findByRevealToken(OneTimeTokens.sha256(token))
                .flatMap(found -> grants.lock(found.id)).orElse(null);
        if (grant == null) {
            throw new ProblemException(404, "Unknown link", "This reveal link is not valid.");
        }
        return revealOnce(grant, "link from " + client);
    }

    /** Whether a reveal link is still good, without using it (what the page shows before the click). */
    @Transactional
    public AccessView peek(String token) {
        return grants.findByRevealToken(OneTimeTokens.sha256(token == null ? "" : token)).map(this::view)
                .orElseThrow(() -> new ProblemException(404, "Unknown link", "This reveal link is not valid."));
    }

    private RevealedAccess revealOnce(AccessGrant grant, String by) {
        if (grant.revealedAt != null) {
            throw new ProblemException(410, "Already revealed", "The credential of grant " + grant.id
                    + " was revealed at " + grant.revealedAt + " (" + grant.revealedBy + "); it is shown only once.");
        }
        if (grant.state != AccessState.ACTIVE || grant.secretEnc == null) {
            throw new ProblemException(410, "Not active", "Grant " + grant.id + " is " + grant.state + ".");
        }
        if (grant.revealExpiresAt != null && grant.revealExpiresAt.isBefore(Instant.now())) {
            throw new ProblemException(410, "Link expired", "The reveal link of grant " + grant.id + " expired at "
                    + grant.revealExpiresAt + "; revoke the grant and ask again.");
        }
        Secret password = secrets.decrypt(grant.secretEnc, context(grant));
        grant.secretEnc = null;
        grant.revealedAt = Instant.now();
        grant.revealedBy = by;
        Map<String, Object> details = details(grant);
        details.put("by", by);
        audit.record("access.revealed", "datastore", grant.datastoreId, details);
        Target target = targets.target(grant.datastoreId);
        List<Endpoint> endpoints = target.clusters().stream()
                .map(c -> new Endpoint(c.name(), c.host(), c.port())).toList();
        AccessGrants.Level level = AccessGrants.Level.valueOf(grant.level.toUpperCase(Locale.ROOT));
        return new RevealedAccess(grant.id, target.engine().kind().label(), grant.login,
                target.engine().usesPassword() ? password.value() : null, endpoints,
                grant.expiresAt, target.engine().connection(target.clusters(), target.tenant(),
                        new Credentials(grant.login, password, level, grant.expiresAt)));
    }

    /** The holder withdraws a request nobody has decided yet. */
    @Transactional
    public AccessView cancel(long grantId) {
        AccessGrant grant = grants.lock(grantId).orElseThrow(() -> ProblemException.notFound("Access grant",
                grantId));
        if (!grant.holder.equalsIgnoreCase(caller.name()) && !caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("Only the holder may cancel their request.");
        }
        if (grant.state != AccessState.PENDING) {
            throw ProblemException.conflict("Grant " + grantId + " is " + grant.state + "; only a PENDING request"
                    + " can be cancelled (revoke an active grant instead).");
        }
        end(grant, AccessState.CANCELLED, caller.name(), "cancelled by the requester");
        approvals.cancel(grant.approvalId, "cancelled by the requester");
        audit.record("access.cancelled", "datastore", grant.datastoreId, details(grant));
        return view(grant);
    }

    /** Ends an active grant now: the holder, the owning team (who approve) or a platform-admin may. */
    @Transactional
    public AccessView revoke(long grantId, String reason) {
        AccessGrant grant = grants.lock(grantId).orElseThrow(() -> ProblemException.notFound("Access grant",
                grantId));
        Target target = targets.target(grant.datastoreId);
        if (!grant.holder.equalsIgnoreCase(caller.name())) {
            targets.requireOwner(target, "revoke access to it");
        }
        if (grant.state != AccessState.ACTIVE) {
            throw ProblemException.conflict("Grant " + grantId + " is " + grant.state + "; only an ACTIVE grant can"
                    + " be revoked.");
        }
        String why = reason == null || reason.isBlank() ? "revoked early" : reason.strip();
        dropLogins(grant, target);
        end(grant, AccessState.REVOKED, caller.name(), why);
        Map<String, Object> details = details(grant);
        details.put("reason", why);
        audit.record("access.revoked", "datastore", grant.datastoreId, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(grant.datastoreId),
                new AccessRevoked(grant.id, grant.datastoreId, grant.holder, caller.name(), why))
                .withId("access/" + grant.id + "/revoked"));
        return view(grant);
    }

    /** The expiry job's work for one claimed grant (row locked by the caller's transaction). */
    void expire(AccessGrant grant) {
        Target target = targets.target(grant.datastoreId);
        dropLogins(grant, target);
        end(grant, AccessState.EXPIRED, "larder-expiry", "time is up");
        audit.record("access.expired", "datastore", grant.datastoreId, details(grant));
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(grant.datastoreId),
                new AccessExpired(grant.id, grant.datastoreId, grant.holder)).withId("access/" + grant.id
                + "/expired"));
    }

    void dropLogins(AccessGrant grant, Target target) {
        if (grant.login == null) {
            return;
        }
        AccessGrants engine = engine(target);
        for (ClusterEndpoint cluster : target.clusters()) {
            try {
                engine.revoke(cluster, grant.login);
            } catch (EngineException e) {
                throw ProblemException.badGateway("Could not remove the personal login: " + e.getMessage());
            }
        }
    }

    static void end(AccessGrant grant, AccessState state, String by, String reason) {
        grant.state = state;
        grant.secretEnc = null;
        grant.endedAt = Instant.now();
        grant.endedBy = by;
        grant.endReason = reason;
    }

    @Transactional
    public AccessView get(long grantId) {
        return view(grants.findByIdOptional(grantId).orElseThrow(() -> ProblemException.notFound("Access grant",
                grantId)));
    }

    @Transactional
    public Page<AccessView> list(Long datastoreId, String holder, String state, Boolean breakGlass, int page,
            int size) {
        Map<String, Object> params = new HashMap<>();
        StringJoiner where = new StringJoiner(" and ");
        where.add("1 = 1");
        if (datastoreId != null) {
            where.add("datastoreId = :datastoreId");
            params.put("datastoreId", datastoreId);
        }
        if (holder != null) {
            where.add("holder = :holder");
            params.put("holder", holder);
        }
        if (state != null) {
            try {
                params.put("state", AccessState.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "enum", "must be one of " + List.of(AccessState.values()));
            }
            where.add("state = :state");
        }
        if (breakGlass != null) {
            where.add("breakGlass = :breakGlass");
            params.put("breakGlass", breakGlass);
        }
        var query = grants.find(where.toString(), Sort.descending("id"), params);
        return new Page<>(query.page(page, size).list().stream().map(this::view).toList(), page, size,
                query.count());
    }

    static AccessGrants engine(Target target) {
        return target.engine().accessGrants().orElseThrow(() -> ProblemException.unprocessable("Datastores of this"
                + " kind do not offer personal access."));
    }

    private static String level(String level) {
        if (level == null || !(level.equals("read") || level.equals("write"))) {
            throw ProblemException.invalid("level", "enum", "must be read or write");
        }
        return level;
    }

    private static Duration duration(String text, Duration cap, String where) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("duration", "required", "give an ISO-8601 duration such as PT4H");
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("duration", "duration.format", "'" + text + "' is not an ISO-8601"
                    + " duration such as PT4H or P2D");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw ProblemException.invalid("duration", "duration.positive", "must be longer than zero");
        }
        if (duration.compareTo(cap) > 0) {
            throw ProblemException.invalid("duration", "access.duration-cap", "at most " + cap + " for " + where
                    + " (asked " + duration + ")");
        }
        return duration;
    }

    private static String context(AccessGrant grant) {
        return "larder/access/" + grant.id + "/" + grant.login;
    }

    static Map<String, Object> details(AccessGrant grant) {
        Map<String, Object> details = new HashMap<>();
        details.put("grant", grant.id);
        details.put("holder", grant.holder);
        details.put("level", grant.level);
        if (grant.breakGlass) {
            details.put("breakGlass", true);
        }
        return details;
    }

    AccessView view(AccessGrant grant) {
        return new AccessView(grant.id, grant.datastoreId, grant.holder, grant.level,
                Duration.ofSeconds(grant.durationSeconds).toString(), grant.reason, grant.ticket, grant.state.name(),
                grant.breakGlass, grant.approvalId, grant.login, grant.expiresAt, grant.activatedAt,
                grant.revealedAt != null, grant.revealedAt, grant.revealedBy, grant.endedAt, grant.endedBy,
                grant.endReason, grant.createdAt);
    }
}
