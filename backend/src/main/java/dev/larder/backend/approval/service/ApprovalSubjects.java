package dev.larder.backend.approval.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the bean for a subject type. Refuses to start when two beans claim the same type. */
@Startup
@ApplicationScoped
public class ApprovalSubjects {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final Map<String, ApprovalSubject> subjects;

    public ApprovalSubjects(@Any Instance<ApprovalSubject> candidates) {
        this.subjects = index(candidates);
    }

    static Map<String, ApprovalSubject> index(Iterable<ApprovalSubject> candidates) {
        Map<String, ApprovalSubject> byType = new LinkedHashMap<>();
        for (ApprovalSubject subject : candidates) {
            String type = subject.subjectType();
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new IllegalStateException(subject.getClass().getName() + " claims approval subject type '"
                        + type + "'; a type is lower case letters, digits and '-', at most 32 characters");
            }
            subject.eventSubjectType();
            ApprovalSubject previous = byType.put(type, subject);
            if (previous != null) {
                throw new IllegalStateException("Two beans claim approval subject type '" + type + "': "
                        + previous.getClass().getName() + " and " + subject.getClass().getName());
            }
        }
        return Map.copyOf(byType);
    }

    public Optional<ApprovalSubject> find(String subjectType) {
        return Optional.ofNullable(subjectType).map(subjects::get);
    }

    /** For a subject type read back from a request; it was registered when the request was opened. */
    public ApprovalSubject get(String subjectType) {
        return find(subjectType).orElseThrow(() -> new IllegalStateException("no bean handles approval subject type '"
                + subjectType + "' any more"));
    }

    public java.util.Set<String> types() {
        return subjects.keySet();
    }
}
