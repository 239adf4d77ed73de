package dev.larder.backend.approval.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.backend.approval.service.ApprovalPolicy.Approver;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The approver rules, without a server: what config accepts, who they let decide, how they read. */
class ApprovalPolicyTest {

    static final List<String> DEFAULT = List.of("owning-team", "platform-admin");

    @Test
    void rulesAreCheckedWhenTheServiceStarts() {
        assertThat(ApprovalPolicy.parse("k", List.of(" owning-team", "group:dba ", "owning-team")))
                .containsExactly("owning-team", "group:dba");
        assertThatThrownBy(() -> ApprovalPolicy.parse("larder.approvals.policy.prod.approvers",
                List.of("owning-team", "platform-admins")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("larder.approvals.policy.prod.approvers")
                .hasMessageContaining("'platform-admins'");
        assertThatThrownBy(() -> ApprovalPolicy.parse("k", List.of("group:"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ApprovalPolicy.parse("k", List.of(" "))).hasMessageContaining("names nobody");
    }

    @Test
    void theOwningTeamPlatformAdminsAndListedGroupsMayDecide() {
        Approver member = new Approver(false, true, group -> false);
        Approver admin = new Approver(true, true, group -> false);
        Approver dba = new Approver(false, false, Set.of("dba")::contains);
        Approver outsider = new Approver(false, false, group -> false);
        assertThat(ApprovalPolicy.allows(DEFAULT, member)).isTrue();
        assertThat(ApprovalPolicy.allows(DEFAULT, admin)).isTrue();
        assertThat(ApprovalPolicy.allows(DEFAULT, dba)).isFalse();
        assertThat(ApprovalPolicy.allows(DEFAULT, outsider)).isFalse();
        assertThat(ApprovalPolicy.allows(List.of("group:dba"), dba)).isTrue();
        assertThat(ApprovalPolicy.allows(List.of("group:dba"), member)).isFalse();
        assertThat(ApprovalPolicy.allows(List.of("platform-admin"), member)).isFalse();
    }

    @Test
    void aRequestThatNeedsAnAdminLetsAdminsDecide() {
        assertThat(ApprovalPolicy.forRequest(List.of("group:dba"), true)).containsExactly("group:dba",
                "platform-admin");
        assertThat(ApprovalPolicy.forRequest(List.of("group:dba"), false)).containsExactly("group:dba");
        assertThat(ApprovalPolicy.forRequest(DEFAULT, true)).isEqualTo(DEFAULT);
    }

    @Test
    void theRulesReadAsAPersonWouldSayThem() {
        assertThat(ApprovalPolicy.describe(List.of("owning-team", "platform-admin", "group:dba"), "checkout"))
                .isEqualTo("members of team 'checkout', platform-admins or members of group 'dba'");
        assertThat(ApprovalPolicy.describe(List.of("platform-admin"), "checkout")).isEqualTo("platform-admins");
        assertThat(ApprovalPolicy.eventGroups(List.of("owning-team", "platform-admin"), "checkout"))
                .containsExactly("group:default/checkout", "platform-admin");
    }
}
