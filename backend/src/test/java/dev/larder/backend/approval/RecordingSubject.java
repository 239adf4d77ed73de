package dev.larder.backend.approval;

import dev.larder.backend.approval.service.ApprovalSubject;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.events.approval.ApprovalSubjectType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A subject for the approval engine's tests, of type "test" (the real types belong to the data change, access and
 * migration aggregates). Records every callback, whether it ran inside a transaction, and can refuse one.
 */
@ApplicationScoped
public class RecordingSubject implements ApprovalSubject {

    public static final String TYPE = "test";

    public record Call(String kind, long subjectId, long approvalId, String by, String reason,
            boolean inTransaction) {
    }

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Set<Long> refusing = ConcurrentHashMap.newKeySet();

    @Inject
    TransactionManager transactions;

    @Override
    public String subjectType() {
        return TYPE;
    }

    /** The event contract has no test type; the tests' events go out as access approvals. */
    @Override
    public ApprovalSubjectType eventSubjectType() {
        return ApprovalSubjectType.ACCESS;
    }

    @Override
    public void approved(long subjectId, long approvalId) {
        record("approved", subjectId, approvalId, null, null);
    }

    @Override
    public void rejected(long subjectId, long approvalId, String by, String reason) {
        record("rejected", subjectId, approvalId, by, reason);
    }

    @Override
    public void expired(long subjectId, long approvalId) {
        record("expired", subjectId, approvalId, null, null);
    }

    /** From now on, settling this subject fails as a real subject's would when it can no longer go ahead. */
    public void refuse(long subjectId) {
        refusing.add(subjectId);
    }

    public List<Call> calls(long subjectId) {
        return calls.stream().filter(call -> call.subjectId() == subjectId).toList();
    }

    private void record(String kind, long subjectId, long approvalId, String by, String reason) {
        calls.add(new Call(kind, subjectId, approvalId, by, reason, inTransaction()));
        if (refusing.contains(subjectId)) {
            throw ProblemException.unprocessable("Test subject " + subjectId + " can no longer be " + kind + ".");
        }
    }

    private boolean inTransaction() {
        try {
            return transactions.getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            return false;
        }
    }
}
