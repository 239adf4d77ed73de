package dev.larder.backend.approval.service;

import dev.larder.events.approval.ApprovalSubjectType;
import java.util.Arrays;

/**
 * What an approval request is about: a data change, an access grant, a migration. One CDI bean per subject type;
 * the approval engine calls it inside the deciding transaction when a request becomes final, so the subject's
 * own state commits (or rolls back) with the decision. Throwing refuses the decision.
 */
public interface ApprovalSubject {

    /** The subject type this bean answers for, e.g. {@code datachange}; unique across beans. */
    String subjectType();

    void approved(long subjectId, long approvalId);

    void rejected(long subjectId, long approvalId, String by, String reason);

    void expired(long subjectId, long approvalId);

    /**
     * How events name this subject type. The event contract knows datachange, access and migration; by default
     * the subject type itself, which must be one of them (checked at start-up).
     */
    default ApprovalSubjectType eventSubjectType() {
        return Arrays.stream(ApprovalSubjectType.values())
                .filter(type -> type.name().equalsIgnoreCase(subjectType()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("approval subject type '" + subjectType()
                        + "' is not in the event contract (" + Arrays.toString(ApprovalSubjectType.values())
                        + "); override eventSubjectType()"));
    }
}
