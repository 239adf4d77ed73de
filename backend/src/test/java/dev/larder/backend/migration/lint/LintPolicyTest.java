package dev.larder.backend.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.backend.common.names.Environment;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LintPolicyTest {

    private static final MigrationFile DROP = new MigrationFile("V2__drop.sql", "DROP TABLE legacy_orders;");

    private static LintReport lint(LintPolicy policy, Environment environment, MigrationFile file) {
        return new MigrationLinter(policy).lint(LintInput.of("shop_orders", environment, file));
    }

    @Test
    void destructiveChangesBlockInProdAndStagingAndWarnInDev() {
        assertThat(lint(LintPolicy.defaults(), Environment.PROD, DROP).blocked()).isTrue();
        assertThat(lint(LintPolicy.defaults(), Environment.STAGING, DROP).blocked()).isTrue();
        LintReport dev = lint(LintPolicy.defaults(), Environment.DEV, DROP);
        assertThat(dev.blocked()).isFalse();
        assertThat(dev.warnings()).extracting(Finding::ruleId).containsExactly("destructive.drop-table");
    }

    @Test
    void aPolicyChangesSeverityPerEnvironment() {
        LintPolicy policy = new LintPolicy(Map.of(
                "prod", Map.of("destructive.drop-table", "warning", "design.trigger", "error"),
                "dev", Map.of("destructive.drop-table", "off"),
                "staging", Map.of("destructive.drop-table", "INFO")));

        assertThat(lint(policy, Environment.PROD, DROP).warnings()).extracting(Finding::ruleId)
                .containsExactly("destructive.drop-table");
        assertThat(lint(policy, Environment.DEV, DROP).findings()).isEmpty();
        assertThat(lint(policy, Environment.STAGING, DROP).infos()).extracting(Finding::ruleId)
                .containsExactly("destructive.drop-table");
        MigrationFile trigger = new MigrationFile("V2__t.sql",
                "CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.a = 1;");
        assertThat(lint(policy, Environment.PROD, trigger).blocked()).isTrue();
        assertThat(lint(policy, Environment.STAGING, trigger).blocked()).isFalse();
        assertThat(policy.severity(LintRule.DESIGN_CHARSET, Environment.PROD)).contains(Severity.WARNING);
        assertThat(policy.severity(LintRule.DESTRUCTIVE_DROP_TABLE, Environment.DEV)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"warning", "info", "off", "WARNING"})
    void tenantRulesCannotBeLowered(String level) {
        for (LintRule rule : LintRule.values()) {
            if (rule.category() == LintRule.Category.TENANT || rule == LintRule.LINT_INTERNAL_ERROR) {
                assertThat(rule.locked()).isTrue();
                assertThatThrownBy(() -> new LintPolicy(Map.of("dev", Map.of(rule.id(), level))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(rule.id()).hasMessageContaining("always error");
            }
        }
    }

    @Test
    void tenantRulesStayErrorsEverywhere() {
        LintPolicy policy = new LintPolicy(Map.of("dev", Map.of("tenant.privileged", "error")));
        for (Environment environment : Environment.values()) {
            assertThat(policy.severity(LintRule.TENANT_PRIVILEGED, environment)).contains(Severity.ERROR);
            assertThat(lint(policy, environment, new MigrationFile("V2__g.sql", "GRANT ALL ON *.* TO x;")).blocked())
                    .isTrue();
        }
    }

    @Test
    void typosAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> new LintPolicy(Map.of("production", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("production");
        assertThatThrownBy(() -> new LintPolicy(Map.of("prod", Map.of("destructive.drop-tabel", "off"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("destructive.drop-tabel");
        assertThatThrownBy(() -> new LintPolicy(Map.of("prod", Map.of("destructive.drop-table", "fatal"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fatal");
    }

    @Test
    void everyRuleHasADefaultInEveryEnvironmentAndADescription() {
        for (LintRule rule : LintRule.values()) {
            for (Environment environment : Environment.values()) {
                assertThat(LintPolicy.defaults().severity(rule, environment)).isPresent();
            }
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.id()).matches("[a-z]+\\.[a-z-]+");
            assertThat(LintRule.byId(rule.id())).contains(rule);
        }
    }
}
