package dev.larder.backend.approval.service;

import dev.larder.backend.approval.domain.ApprovalRequest;
import dev.larder.backend.approval.domain.ApprovalState;
import dev.larder.backend.approval.domain.Decision;
import dev.larder.backend.approval.repository.ApprovalRequestRepository;
import dev.larder.backend.approval.repository.DecisionRepository;
import dev.larder.backend.approval.service.ApprovalPolicy.Approver;
import dev.larder.backend.approval.service.ApprovalPolicy.Rules;
import dev.larder.backend.approval.service.ApprovalViews.ApprovalFilter;
import dev.larder.backend.approval.service.ApprovalViews.ApprovalView;
import dev.larder.backend.approval.service.ApprovalViews.DecisionOutcome;
import dev.larder.backend.approval.service.ApprovalViews.DecisionView;
import dev.larder.backend.approval.service.ApprovalViews.NewApproval;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.security.Caller;
import dev.larder.backend.team.domain.Team;
import dev.larder.backend.team.repository.TeamRepository;
import dev.larder.events.CloudEvent;
import dev.larder.events.approval.ApprovalDecided;
import dev.larder.events.approval.ApprovalDecision;
import dev.larder.events.approval.ApprovalRequested;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The approval engine: opens a request under the environment's policy, takes decisions (four eyes: never the
 * requester; only the allowed approvers; a reject wins; approvals count once per person), expires requests nobody
 * decided, and tells the subject when its request is settled, inside the same transaction. Every step is audited
 * and reported on larder.events.v1 through the outbox.
 */
@ApplicationScoped
public class ApprovalService {

    static final int SUMMARY_MAX = 2000;
    static final int EVENT_SUMMARY_MAX = 500;
    static final int REASON_MAX = 2000;

    /** Refused because the request is past its deadline; the transaction still commits the expiry it noticed. */
    static final class Expired extends ProblemException {
        Expired(String detail) {
            super(409, "Expired", detail);
        }
    }

    @Inject
    ApprovalRequestRepository requests;

    @Inject
    DecisionRepository decisions;

    @Inject
    TeamRepository teams;

    @Inject
    ApprovalSubjects subjects;

    @Inject
    ApprovalPolicy policy;

    @Inject
    ApprovalConfig config;

    @Inject
    Caller caller;

    @Inject
    ChatDecisionPolicy chatPolicy;

    @Inject
    AuditService audit;

    @Inject
    Outbox outbox;

    /**
     * Opens a request for a subject, in the subject's transaction. Programming errors (an unknown subject type,
     * a second request for the same subject, missing fields) are IllegalArgumentException/IllegalStateException.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ApprovalView open(NewApproval request) {
        ApprovalSubject subject = subjects.find(request.subjectType()).orElseThrow(() -> new IllegalArgumentException(
                "unknown approval subject type '" + request.subjectType() + "'; known: " + subjects.types()));
        Environment environment = Arrays.stream(Environment.values())
                .filter(env -> env.label().equals(request.environment())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("environment must be dev, staging or prod, not '"
                        + request.environment() + "'"));
        if (request.requestedBy() == null || request.requestedBy().isBlank()) {
            throw new IllegalArgumentException("requestedBy is required");
        }
        if (request.summary() == null || request.summary().isBlank()) {
            throw new IllegalArgumentException("summary is required: the approvers read it");
        }
        Team team = teams.findByIdOptional(request.teamId()).orElseThrow(() -> new IllegalArgumentException(
                "team " + request.teamId() + " does not exist"));
        requests.forSubject(subject.subjectType(), request.subjectId()).ifPresent(existing -> {
            throw new IllegalStateException(request.subjectType() + " " + request.subjectId()
                    + " already has approval request " + existing.id + " (" + existing.state + ")");
        });
        Duration expiry = config.expiry();
        if (request.expiresIn() != null) {
            if (request.expiresIn().isNegative() || request.expiresIn().isZero()
                    || request.expiresIn().compareTo(expiry) > 0) {
                throw new IllegalArgumentException("expiresIn must be positive and at most larder.approvals.expiry ("
                        + expiry + "), not " + request.expiresIn());
            }
            expiry = request.expiresIn();
        }
        Rules rules = policy.forEnvironment(environment);
        List<String> approvers = ApprovalPolicy.forRequest(rules.approvers(), request.adminRequired());
        Instant now = now();

        ApprovalRequest approval = new ApprovalRequest();
        approval.subjectType = subject.subjectType();
        approval.subjectId = request.subjectId();
        approval.datastoreId = request.datastoreId();
        approval.teamId = team.id;
        approval.environment = environment.label();
        approval.requestedBy = request.requestedBy().strip();
        approval.summary = truncate(request.summary().strip(), SUMMARY_MAX);
        approval.approvalsRequired = rules.required();
        approval.adminRequired = request.adminRequired();
        approval.approverRules = String.join(",", approvers);
        approval.state = ApprovalState.PENDING;
        approval.createdAt = now;
        approval.expiresAt = now.plus(expiry).truncatedTo(ChronoUnit.MILLIS);
        requests.persist(approval);

        Map<String, Object> details = subjectDetails(approval);
        details.put("environment", approval.environment);
        details.put("approvalsRequired", approval.approvalsRequired);
        details.put("adminRequired", approval.adminRequired);
        details.put("approvers", approvers);
        details.put("expiresAt", approval.expiresAt.toString());
        audit.recordAs(approval.requestedBy, "approval.opened", "approval", approval.id, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(approval.datastoreId),
                new ApprovalRequested(approval.id, subject.eventSubjectType(), approval.subjectId,
                        approval.datastoreId, approval.environment, approval.requestedBy,
                        truncate(approval.summary, EVENT_SUMMARY_MAX), approval.approvalsRequired,
                        ApprovalPolicy.eventGroups(approvers, team.name), approval.expiresAt))
                .withId("approval/" + approval.id + "/requested"));
        return view(approval, List.of(), team.name);
    }

    /** The caller approves or rejects. A request past its deadline is expired on the spot and the call refused. */
    @Transactional(dontRollbackOn = Expired.class)
    public DecisionOutcome decide(long approvalId, boolean approve, String reason) {
        ApprovalRequest approval = requests.lock(approvalId)
                .orElseThrow(() -> ProblemException.notFound("Approval request", approvalId));
        String team = teams.findById(approval.teamId).name;
        String me = requireAllowed(approval, team, approve);
        chatPolicy.requireClickDecides(approval.environment, approvalId);
        List<Decision> existing = new ArrayList<>(decisions.of(approvalId));
        Optional<Decision> mine = existing.stream().filter(d -> d.approver.equalsIgnoreCase(me)).findFirst();
        if (mine.isPresent()) {
            Decision earlier = mine.get();
            if (earlier.approves() != approve) {
                throw ProblemException.conflict("You already " + (earlier.approves() ? "approved" : "rejected")
                        + " approval request " + approvalId + " at " + earlier.createdAt
                        + "; a decision cannot be changed.");
            }
            return new DecisionOutcome(view(approval, existing, team), false, "Your " + (approve ? "approval"
                    : "rejection") + " was already counted at " + earlier.createdAt + "; nothing changed. "
                    + "The request is " + approval.state + ".");
        }
        Instant now = now();
        if (approval.overdue(now)) {
            expire(approval, existing, now, me);
            throw new Expired("Approval request " + approvalId + " expired at " + approval.expiresAt
                    + " without a decision (state EXPIRED); it can no longer be approved or rejected. Ask for it"
                    + " again.");
        }
        if (approval.state == ApprovalState.EXPIRED) {
            throw ProblemException.conflict("Approval request " + approvalId + " expired at " + approval.expiresAt
                    + " without a decision (state EXPIRED); it can no longer be approved or rejected. Ask for it"
                    + " again.");
        }
        if (approval.state != ApprovalState.PENDING) {
            throw ProblemException.conflict("Approval request " + approvalId + " is " + approval.state
                    + (approval.decidedAt != null ? " since " + approval.decidedAt : "")
                    + "; only a PENDING request can be approved or rejected.");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (!approve && why == null) {
            throw ProblemException.invalid("reason", "reason.required",
                    "a reason is required to reject; the requester will read it");
        }
        if (why != null && why.length() > REASON_MAX) {
            throw ProblemException.invalid("reason", "reason.length", "at most " + REASON_MAX + " characters");
        }

        Decision decision = new Decision();
        decision.requestId = approvalId;
        decision.approver = me;
        decision.decision = approve ? Decision.APPROVE : Decision.REJECT;
        decision.reason = why;
        decision.asAdmin = caller.isPlatformAdmin();
        decision.createdAt = now;
        decisions.persist(decision);
        existing.add(decision);

        int approvals = approvalsSoFar(existing);
        boolean adminOk = !approval.adminRequired || existing.stream().anyMatch(d -> d.approves() && d.asAdmin);
        String message;
        if (!approve) {
            approval.settle(ApprovalState.REJECTED, now);
            message = "Rejected: the request is REJECTED.";
        } else if (approvals >= approval.approvalsRequired && adminOk) {
            approval.settle(ApprovalState.APPROVED, now);
            message = "Approved: " + approvals + " of " + approval.approvalsRequired
                    + " approvals; the request is APPROVED.";
        } else {
            message = "Your approval is counted: " + approvals + " of " + approval.approvalsRequired
                    + (adminOk ? "" : "; it still needs an approval from a platform-admin") + ".";
        }

        Map<String, Object> details = subjectDetails(approval);
        details.put("decision", decision.decision);
        if (why != null) {
            details.put("reason", why);
        }
        details.put("asAdmin", decision.asAdmin);
        details.put("approvalsSoFar", approvals);
        details.put("approvalsRequired", approval.approvalsRequired);
        details.put("state", approval.state.name());
        audit.record(approve ? "approval.approved" : "approval.rejected", "approval", approvalId, details);

        ApprovalSubject subject = subjects.get(approval.subjectType);
        if (approval.state == ApprovalState.APPROVED) {
            subject.approved(approval.subjectId, approvalId);
        } else if (approval.state == ApprovalState.REJECTED) {
            subject.rejected(approval.subjectId, approvalId, me, why);
        }
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(approval.datastoreId),
                new ApprovalDecided(approvalId, subject.eventSubjectType(), approval.subjectId, approval.datastoreId,
                        approve ? ApprovalDecision.APPROVED : ApprovalDecision.REJECTED, me, why, approvals,
                        approval.approvalsRequired, approval.state.isFinal()))
                .withId("approval/" + approvalId + "/decided/" + decision.id));
        return new DecisionOutcome(view(approval, existing, team), true, message);
    }

    /**
     * Refuses (403/409) unless the caller could make this decision now: for a step-up link, which must not be handed
     * to someone whose confirmation would be refused anyway. Changes nothing.
     */
    @Transactional
    public ApprovalView requireMayDecide(long approvalId, boolean approve) {
        ApprovalRequest approval = requests.findByIdOptional(approvalId)
                .orElseThrow(() -> ProblemException.notFound("Approval request", approvalId));
        String team = teams.findById(approval.teamId).name;
        String me = requireAllowed(approval, team, approve);
        List<Decision> existing = decisions.of(approvalId);
        existing.stream().filter(d -> d.approver.equalsIgnoreCase(me)).findFirst().ifPresent(earlier -> {
            throw ProblemException.conflict("You already " + (earlier.approves() ? "approved" : "rejected")
                    + " approval request " + approvalId + " at " + earlier.createdAt + "; nothing to confirm.");
        });
        if (approval.state != ApprovalState.PENDING || approval.overdue(now())) {
            throw ProblemException.conflict("Approval request " + approvalId + " is "
                    + (approval.overdue(now()) ? "past its deadline (" + approval.expiresAt + ")" : approval.state)
                    + "; only a PENDING request can be approved or rejected.");
        }
        return view(approval, existing, team);
    }

    /** Four eyes and the approver rules; answers the caller's name. */
    private String requireAllowed(ApprovalRequest approval, String team, boolean approve) {
        List<String> rules = ApprovalPolicy.split(approval.approverRules);
        String me = caller.name().toLowerCase(Locale.ROOT);
        String verb = approve ? "approve" : "reject";
        if (me.equalsIgnoreCase(approval.requestedBy)) {
            throw ProblemException.forbidden("You requested this (approval request " + approval.id
                    + "), so you cannot " + verb + " it yourself: " + ApprovalPolicy.describe(rules, team)
                    + " must decide.");
        }
        if (!ApprovalPolicy.allows(rules, approver(approval.teamId))) {
            throw ProblemException.forbidden("Only " + ApprovalPolicy.describe(rules, team)
                    + " may approve or reject approval request " + approval.id + "; you (" + me
                    + ") are none of these.");
        }
        return me;
    }

    /** The subject was withdrawn: PENDING → CANCELLED. Cancelling a cancelled request changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(long approvalId, String reason) {
        ApprovalRequest approval = requests.lock(approvalId)
                .orElseThrow(() -> ProblemException.notFound("Approval request", approvalId));
        if (approval.state == ApprovalState.CANCELLED) {
            return;
        }
        if (approval.state != ApprovalState.PENDING) {
            throw ProblemException.conflict("Approval request " + approvalId + " is already " + approval.state
                    + "; it can no longer be cancelled.");
        }
        approval.settle(ApprovalState.CANCELLED, now());
        Map<String, Object> details = subjectDetails(approval);
        if (reason != null && !reason.isBlank()) {
            details.put("reason", truncate(reason.strip(), REASON_MAX));
        }
        audit.record("approval.cancelled", "approval", approvalId, details);
    }

    /** For the expiry job: expires a request it claimed, if it is still overdue. */
    @Transactional(Transactional.TxType.MANDATORY)
    void expireClaimed(long approvalId) {
        ApprovalRequest approval = requests.findById(approvalId);
        Instant now = now();
        if (approval != null && approval.overdue(now)) {
            expire(approval, decisions.of(approvalId), now, null);
        }
    }

    private void expire(ApprovalRequest approval, List<Decision> existing, Instant now, String noticedBy) {
        approval.settle(ApprovalState.EXPIRED, now);
        int approvals = approvalsSoFar(existing);
        Map<String, Object> details = subjectDetails(approval);
        details.put("expiresAt", approval.expiresAt.toString());
        details.put("approvalsSoFar", approvals);
        details.put("approvalsRequired", approval.approvalsRequired);
        if (noticedBy != null) {
            details.put("noticedBy", noticedBy);
        }
        audit.recordAs(Caller.SYSTEM, "approval.expired", "approval", approval.id, details);
        ApprovalSubject subject = subjects.get(approval.subjectType);
        subject.expired(approval.subjectId, approval.id);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(approval.datastoreId),
                new ApprovalDecided(approval.id, subject.eventSubjectType(), approval.subjectId,
                        approval.datastoreId, ApprovalDecision.EXPIRED, null,
                        "no decision before " + approval.expiresAt, approvals, approval.approvalsRequired, true))
                .withId("approval/" + approval.id + "/expired"));
    }

    @Transactional
    public ApprovalView get(long approvalId) {
        ApprovalRequest approval = requests.findByIdOptional(approvalId)
                .orElseThrow(() -> ProblemException.notFound("Approval request", approvalId));
        return view(approval, decisions.of(approvalId), teams.findById(approval.teamId).name);
    }

    @Transactional
    public Optional<ApprovalView> forSubject(String subjectType, long subjectId) {
        return requests.forSubject(subjectType, subjectId)
                .map(approval -> view(approval, decisions.of(approval.id), teams.findById(approval.teamId).name));
    }

    @Transactional
    public Page<ApprovalView> list(ApprovalFilter filter, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringJoiner where = new StringJoiner(" and ");
        where.add("1 = 1");
        ApprovalState state = filter.state() == null ? null : Arrays.stream(ApprovalState.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(filter.state())).findFirst()
                .orElseThrow(() -> ProblemException.invalid("state", "enum", "must be one of "
                        + Arrays.toString(ApprovalState.values())));
        if (filter.waitingForMe()) {
            if (state != null && state != ApprovalState.PENDING) {
                return new Page<>(List.of(), page, size, 0);
            }
            state = ApprovalState.PENDING;
            String me = caller.name().toLowerCase(Locale.ROOT);
            where.add("expiresAt > :now");
            params.put("now", now());
            where.add("lower(requestedBy) <> :me");
            where.add("id not in (select d.requestId from Decision d where d.approver = :me)");
            params.put("me", me);
        }
        if (state != null) {
            where.add("state = :state");
            params.put("state", state);
        }
        if (filter.datastoreId() != null) {
            where.add("datastoreId = :datastoreId");
            params.put("datastoreId", filter.datastoreId());
        }
        if (filter.subjectType() != null) {
            where.add("subjectType = :subjectType");
            params.put("subjectType", filter.subjectType());
        }
        var query = requests.find(where.toString(), Sort.descending("id"), params);
        List<ApprovalRequest> found;
        long total;
        if (filter.waitingForMe()) {
            // The rules differ per request (a snapshot of the policy), so who may decide is judged here; the
            // PENDING requests one person could decide are few.
            List<ApprovalRequest> mine = query.list().stream().filter(approval -> ApprovalPolicy.allows(
                    ApprovalPolicy.split(approval.approverRules), approver(approval.teamId))).toList();
            total = mine.size();
            int from = (int) Math.min((long) page * size, mine.size());
            found = mine.subList(from, Math.min(from + size, mine.size()));
        } else {
            found = query.page(page, size).list();
            total = query.count();
        }
        Map<Long, List<Decision>> decided = decisions.of(found.stream().map(approval -> approval.id).toList());
        Map<Long, String> teamNames = new HashMap<>();
        List<ApprovalView> items = found.stream().map(approval -> view(approval,
                decided.getOrDefault(approval.id, List.of()),
                teamNames.computeIfAbsent(approval.teamId, id -> teams.findById(id).name))).toList();
        return new Page<>(items, page, size, total);
    }

    private Approver approver(long teamId) {
        return new Approver(caller.isPlatformAdmin(), caller.actsFor(teamId), caller::inGroup);
    }

    private static int approvalsSoFar(List<Decision> decided) {
        return (int) decided.stream().filter(Decision::approves).count();
    }

    private static Map<String, Object> subjectDetails(ApprovalRequest approval) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subjectType", approval.subjectType);
        details.put("subjectId", approval.subjectId);
        details.put("datastoreId", approval.datastoreId);
        return details;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApprovalView view(ApprovalRequest approval, List<Decision> decided, String team) {
        return new ApprovalView(approval.id, approval.subjectType, approval.subjectId, approval.datastoreId, team,
                approval.environment, approval.requestedBy, approval.summary, approval.approvalsRequired,
                approval.adminRequired, ApprovalPolicy.split(approval.approverRules), approval.state.name(),
                decided.stream().map(d -> new DecisionView(d.approver, d.decision, d.reason, d.asAdmin,
                        d.createdAt)).toList(),
                approvalsSoFar(decided), approval.expiresAt, approval.createdAt, approval.decidedAt);
    }
}
