package dev.larder.backend.datachange.service;

import dev.larder.backend.common.json.StoredJson;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.larder.backend.approval.service.ApprovalService;
import dev.larder.backend.approval.service.ApprovalViews.NewApproval;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.error.Violation;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.datachange.domain.DataChange;
import dev.larder.backend.datachange.domain.DataChangeImage;
import dev.larder.backend.datachange.domain.DataChangeState;
import dev.larder.backend.datachange.repository.DataChangeImageRepository;
import dev.larder.backend.datachange.repository.DataChangeRepository;
import dev.larder.backend.datachange.service.DataChangeViews.CheckResult;
import dev.larder.backend.datachange.service.DataChangeViews.DataChangeView;
import dev.larder.backend.datachange.service.DataChangeViews.Estimate;
import dev.larder.backend.datachange.service.DataChangeViews.Finding;
import dev.larder.backend.datachange.service.DataChangeViews.NewDataChange;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.DataChanges;
import dev.larder.backend.engine.DataChanges.DataChangePlan;
import dev.larder.backend.engine.DataChanges.ImageChunk;
import dev.larder.backend.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data changes as people see them: check, submit for approval, execute once approved, roll back. The guarded
 * execution itself is {@link DataChangeExecutor}'s.
 */
@ApplicationScoped
public class DataChangeService {

    static final String SUBJECT = "datachange";

    @Inject
    DataChangeRepository changes;

    @Inject
    DataChangeImageRepository images;

    @Inject
    DatastoreTargets targets;

    @Inject
    ApprovalService approvals;

    @Inject
    DataChangeExecutor executor;

    @Inject
    DataChangeConfig config;

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    /** Findings and estimates for statements, without recording anything: what the requester sees first. */
    public CheckResult check(long datastoreId, NewDataChange request) {
        Target target = owned(datastoreId, "check data changes for it");
        return result(plan(target, statements(request)), target.environment());
    }

    /** Records a change and asks for approval (or keeps it as a draft). Blocking findings refuse it: 422. */
    public DataChangeView submit(long datastoreId, NewDataChange request) {
        Target target = owned(datastoreId, "request data changes for it");
        return record(target, request, caller.name(), "api", null);
    }

    /** The Kafka path: the same flow for scripted backfills; a known command id is not recorded again. */
    public Optional<DataChangeView> submitCommand(long datastoreId, NewDataChange request, String requestedBy,
            String commandId) {
        if (QuarkusTransaction.requiringNew().call(() -> changes.findByCommandId(commandId)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(record(targets.target(datastoreId), request, requestedBy, "kafka", commandId));
    }

    private DataChangeView record(Target target, NewDataChange request, String requestedBy, String channel,
            String commandId) {
        List<String> statements = statements(request);
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.length() < 10) {
            throw ProblemException.invalid("reason", "reason.required", "say why, in at least 10 characters; approvers"
                    + " read it");
        }
        if (target.state() != DatastoreState.READY) {
            throw ProblemException.unprocessable("Datastore " + target.datastoreId() + " is " + target.state());
        }
        DataChangePlan plan = plan(target, statements);
        if (plan.blocked()) {
            List<Violation> violations = plan.findings().stream().filter(f -> "ERROR".equals(f.severity()))
                    .map(f -> new Violation(f.statement() == null ? "statements" : "statements[" + f.statement() + "]",
                            f.ruleId(), f.message())).toList();
            throw new ProblemException(422, "Data change refused", violations.size() == 1
                    ? violations.get(0).field() + ": " + violations.get(0).message()
                    : violations.size() + " statements break the data-change rules; see violations", violations);
        }
        boolean draft = Boolean.TRUE.equals(request.draft());
        return QuarkusTransaction.requiringNew().call(() -> {
            DataChange change = new DataChange();
            change.datastoreId = target.datastoreId();
            change.statements = StoredJson.write(statements);
            change.reason = reason;
            change.ticket = request.ticket();
            change.requestedBy = requestedBy;
            change.channel = channel;
            change.commandId = commandId;
            change.createdAt = Instant.now();
            applyPlan(change, plan, target.environment());
            change.state = draft ? DataChangeState.DRAFT : DataChangeState.PENDING_APPROVAL;
            changes.persist(change);
            audit.record("datachange.requested", "datastore", target.datastoreId(), Map.of("dataChange", change.id,
                    "statements", statements.size(), "estimatedRows", change.estimatedRows, "draft", draft));
            if (!draft) {
                askForApproval(change, target);
            }
            return view(change);
        });
    }

    /** Sends a draft for approval, with a fresh check and estimate. */
    public DataChangeView submitDraft(long datastoreId, long changeId) {
        Target target = owned(datastoreId, "submit data changes for it");
        DataChange draft = find(datastoreId, changeId);
        if (draft.state != DataChangeState.DRAFT) {
            throw ProblemException.conflict("Data change " + changeId + " is " + draft.state + ", not DRAFT.");
        }
        List<String> statements = StoredJson.read(draft.statements, new TypeReference<List<String>>() { });
        DataChangePlan plan = plan(target, statements);
        if (plan.blocked()) {
            throw ProblemException.unprocessable("The draft no longer passes its checks; check it again.");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            DataChange change = changes.lock(changeId).orElseThrow();
            if (change.state != DataChangeState.DRAFT) {
                throw ProblemException.conflict("Data change " + changeId + " is " + change.state + ", not DRAFT.");
            }
            applyPlan(change, plan, target.environment());
            change.state = DataChangeState.PENDING_APPROVAL;
            audit.record("datachange.submitted", "datastore", datastoreId, Map.of("dataChange", changeId));
            askForApproval(change, target);
            return view(change);
        });
    }

    /** Starts an approved change; the requester or a platform-admin may. The run continues in the background. */
    public DataChangeView execute(long datastoreId, long changeId) {
        DataChange change = find(datastoreId, changeId);
        if (!caller.name().equals(change.requestedBy) && !caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("Only the requester (" + change.requestedBy + ") or a platform-admin"
                    + " may execute data change " + changeId + ".");
        }
        executor.start(changeId, caller.name());
        return get(datastoreId, changeId);
    }

    /**
     * Asks to undo an executed change: refuses at once if any row it touched has changed since (naming them), else
     * records the rollback as a change of its own that goes through approval like any other.
     */
    public DataChangeView rollback(long datastoreId, long changeId, String reason) {
        Target target = owned(datastoreId, "roll back data changes of it");
        DataChange original = find(datastoreId, changeId);
        if (original.rollbackOf != null) {
            throw ProblemException.unprocessable("Data change " + changeId + " is itself a rollback; submit a new"
                    + " change instead.");
        }
        if (original.state != DataChangeState.EXECUTED && original.state != DataChangeState.FAILED) {
            throw ProblemException.conflict("Data change " + changeId + " is " + original.state
                    + "; only an executed change can be rolled back.");
        }
        if (original.rolledBackBy != null) {
            throw ProblemException.conflict("Data change " + changeId + " already has rollback "
                    + original.rolledBackBy + ".");
        }
        if (original.imagesPurgedAt != null) {
            throw new ProblemException(410, "Images deleted", "The before-images of data change " + changeId
                    + " were deleted at " + original.imagesPurgedAt + ", after the retention period ("
                    + config.imageRetention() + "); it can no longer be rolled back. Submit a new change instead.");
        }
        List<ImageChunk> chunks = imagesOf(changeId);
        if (chunks.isEmpty()) {
            throw ProblemException.unprocessable("Data change " + changeId + " changed nothing; there is nothing to"
                    + " roll back.");
        }
        DataChanges engine = dataChanges(target);
        List<String> changed = engine.changedSince(target.clusters().get(0), target.tenant(), target.password(),
                chunks);
        if (!changed.isEmpty()) {
            throw ProblemException.conflict("Rows changed since data change " + changeId + " ran, so rolling it back"
                    + " would overwrite newer data: " + String.join(", ", changed.subList(0, Math.min(20,
                            changed.size()))) + (changed.size() > 20 ? " and " + (changed.size() - 20) + " more" : ""));
        }
        long rows = chunks.stream().mapToLong(chunk -> chunk.rows().size()).sum();
        List<String> summary = new ArrayList<>();
        for (ImageChunk chunk : chunks) {
            summary.add("-- restore " + chunk.rows().size() + " row(s) of " + chunk.table() + " from the before-image"
                    + " of statement " + (chunk.statement() + 1) + (chunk.chunk() > 0 ? ", chunk " + (chunk.chunk() + 1)
                    : ""));
        }
        String why = reason == null || reason.isBlank() ? "Roll back data change " + changeId
                : "Roll back data change " + changeId + ": " + reason.strip();
        return QuarkusTransaction.requiringNew().call(() -> {
            DataChange locked = changes.lock(changeId).orElseThrow();
            if (locked.rolledBackBy != null) {
                throw ProblemException.conflict("Data change " + changeId + " already has rollback "
                        + locked.rolledBackBy + ".");
            }
            DataChange rollback = new DataChange();
            rollback.datastoreId = datastoreId;
            rollback.statements = StoredJson.write(summary);
            rollback.reason = why.length() < 10 ? why + " (rollback)" : why;
            rollback.requestedBy = caller.name();
            rollback.channel = "api";
            rollback.rollbackOf = changeId;
            rollback.estimatedRows = rows;
            rollback.adminRequired = rows > config.policy(target.environment()).rowCap();
            rollback.plan = StoredJson.write(new DataChangePlan(List.of(), List.of()));
            rollback.findings = StoredJson.write(List.of());
            rollback.createdAt = Instant.now();
            rollback.state = DataChangeState.PENDING_APPROVAL;
            changes.persist(rollback);
            locked.rolledBackBy = rollback.id;
            audit.record("datachange.rollback-requested", "datastore", datastoreId, Map.of("dataChange", rollback.id,
                    "rollbackOf", changeId, "rows", rows));
            askForApproval(rollback, target);
            return view(rollback);
        });
    }

    @Transactional
    public DataChangeView get(long datastoreId, long changeId) {
        return view(find(datastoreId, changeId));
    }

    @Transactional
    public Page<DataChangeView> list(long datastoreId, String state, int page, int size) {
        targets.target(datastoreId);
        var query = state == null ? changes.find("datastoreId", Sort.descending("id"), datastoreId)
                : changes.find("datastoreId = ?1 and state = ?2", Sort.descending("id"), datastoreId,
                        parseState(state));
        return new Page<>(query.page(page, size).list().stream().map(this::view).toList(), page, size,
                query.count());
    }

    private void askForApproval(DataChange change, Target target) {
        String summary = (change.rollbackOf != null ? "Rollback of data change " + change.rollbackOf + ". " : "")
                + change.estimatedRows + " row(s) in " + target.tenant().physicalName() + " (" + target.environment()
                + "). Why: " + change.reason;
        change.approvalId = approvals.open(new NewApproval(SUBJECT, change.id, target.datastoreId(), target.teamId(),
                target.environment(), change.requestedBy, summary.length() > 2000 ? summary.substring(0, 2000)
                        : summary, change.adminRequired)).id();
    }

    private void applyPlan(DataChange change, DataChangePlan plan, String environment) {
        change.plan = StoredJson.write(plan);
        change.findings = StoredJson.write(plan.findings());
        change.estimatedRows = plan.estimatedRows();
        change.adminRequired = plan.estimatedRows() > config.policy(environment).rowCap();
    }

    private DataChangePlan plan(Target target, List<String> statements) {
        return dataChanges(target).plan(target.clusters().get(0), target.tenant(), target.password(), statements,
                config.maxStatements());
    }

    static DataChanges dataChanges(Target target) {
        return target.engine().dataChanges().orElseThrow(() -> ProblemException.unprocessable("Datastores of this"
                + " kind do not take data changes."));
    }

    private CheckResult result(DataChangePlan plan, String environment) {
        long cap = config.policy(environment).rowCap();
        return new CheckResult(plan.blocked(), findings(plan), estimates(plan), plan.estimatedRows(),
                plan.estimatedRows() > cap, cap);
    }

    private static List<Finding> findings(DataChangePlan plan) {
        return plan.findings().stream().map(f -> new Finding(f.ruleId(), f.severity(), f.statement(), f.message()))
                .toList();
    }

    private static List<Estimate> estimates(DataChangePlan plan) {
        return plan.statements().stream().map(s -> new Estimate(s.index(), s.sql(), s.operation(), s.table(),
                s.primaryKey(), s.estimatedRows(), s.estimateMethod())).toList();
    }

    private static List<String> statements(NewDataChange request) {
        if (request == null || request.statements() == null || request.statements().isEmpty()) {
            throw ProblemException.invalid("statements", "required", "give at least one statement");
        }
        return request.statements();
    }

    private Target owned(long datastoreId, String what) {
        Target target = targets.target(datastoreId);
        targets.requireOwner(target, what);
        return target;
    }

    private DataChange find(long datastoreId, long changeId) {
        return QuarkusTransaction.joiningExisting().call(() -> changes.findByIdOptional(changeId)
                .filter(change -> change.datastoreId == datastoreId)
                .orElseThrow(() -> ProblemException.notFound("Data change", changeId)));
    }

    List<ImageChunk> imagesOf(long changeId) {
        return QuarkusTransaction.joiningExisting().call(() -> images.ofChange(changeId).stream()
                .map(image -> StoredJson.read(image.image, ImageChunk.class)).toList());
    }

    private static DataChangeState parseState(String state) {
        for (DataChangeState value : DataChangeState.values()) {
            if (value.name().equalsIgnoreCase(state)) {
                return value;
            }
        }
        throw ProblemException.invalid("state", "enum", "must be one of " + List.of(DataChangeState.values()));
    }

    DataChangeView view(DataChange change) {
        DataChangePlan plan = change.plan == null ? new DataChangePlan(List.of(), List.of())
                : StoredJson.read(change.plan, DataChangePlan.class);
        return new DataChangeView(change.id, change.datastoreId, change.state.name(),
                StoredJson.read(change.statements, new TypeReference<List<String>>() { }), change.reason,
                change.ticket, change.requestedBy, change.channel, findings(plan), estimates(plan),
                change.estimatedRows, change.adminRequired, change.approvalId,
                StoredJson.read(change.affectedRows, new TypeReference<List<Long>>() { }),
                change.longestTransactionMs, change.transactions, change.failure, change.failedStatement,
                change.rollbackOf, change.rolledBackBy, change.executedBy, change.createdAt, change.decidedAt,
                change.startedAt, change.finishedAt, change.imagesPurgedAt);
    }

    static Map<String, Object> details(DataChange change) {
        Map<String, Object> details = new HashMap<>();
        details.put("dataChange", change.id);
        if (change.rollbackOf != null) {
            details.put("rollbackOf", change.rollbackOf);
        }
        return details;
    }

    static DataChangeImage imageRow(long changeId, ImageChunk chunk) {
        DataChangeImage image = new DataChangeImage();
        image.dataChangeId = changeId;
        image.statementNo = chunk.statement();
        image.chunkNo = chunk.chunk();
        image.tableName = chunk.table();
        image.rowCount = chunk.rows().size();
        image.image = StoredJson.write(chunk);
        image.createdAt = Instant.now();
        return image;
    }
}
