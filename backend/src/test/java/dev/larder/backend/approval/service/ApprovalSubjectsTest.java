package dev.larder.backend.approval.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.events.approval.ApprovalSubjectType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of subject beans refuses to start when the subject types are ambiguous or outside the contract. */
class ApprovalSubjectsTest {

    record Subject(String subjectType) implements ApprovalSubject {
        @Override
        public void approved(long subjectId, long approvalId) {
        }

        @Override
        public void rejected(long subjectId, long approvalId, String by, String reason) {
        }

        @Override
        public void expired(long subjectId, long approvalId) {
        }
    }

    @Test
    void eachSubjectTypeHasOneBean() {
        assertThat(ApprovalSubjects.index(List.of(new Subject("datachange"), new Subject("access"))))
                .containsOnlyKeys("datachange", "access");
        assertThatThrownBy(() -> ApprovalSubjects.index(List.of(new Subject("datachange"), new Subject("access"),
                new Subject("datachange"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two beans claim approval subject type 'datachange'");
    }

    @Test
    void aSubjectTypeMustBeNamedInTheEventContract() {
        assertThat(new Subject("migration").eventSubjectType()).isEqualTo(ApprovalSubjectType.MIGRATION);
        assertThatThrownBy(() -> ApprovalSubjects.index(List.of(new Subject("refund"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event contract");
        assertThatThrownBy(() -> ApprovalSubjects.index(List.of(new Subject("Data Change"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
