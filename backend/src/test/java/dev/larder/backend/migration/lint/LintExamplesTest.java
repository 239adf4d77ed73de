package dev.larder.backend.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.common.names.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule fails its bad example and the good example passes the whole lint; the doc shows the same files. */
class LintExamplesTest {

    /** Rules that no SQL can provoke on purpose. */
    private static final Set<LintRule> WITHOUT_EXAMPLES = Set.of(LintRule.LINT_INTERNAL_ERROR);

    private static final Path DOC = Path.of("..", "docs", "lint-rules.md");

    private final MigrationLinter linter = new MigrationLinter();

    static List<String> ruleIds() {
        return LintExamples.ruleIds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void theBadExampleBreaksItsRule(String ruleId) {
        LintReport report = linter.lint(LintExamples.input(ruleId, "bad", Environment.PROD));

        assertThat(report.findings()).extracting(Finding::ruleId).contains(ruleId);
        LintRule rule = LintRule.byId(ruleId).orElseThrow();
        assertThat(report.findings()).filteredOn(finding -> finding.ruleId().equals(ruleId))
                .allSatisfy(finding -> assertThat(finding.severity())
                        .isEqualTo(rule.defaultSeverity(Environment.PROD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void theGoodExamplePassesTheWholeLint(String ruleId) {
        for (Environment environment : Environment.values()) {
            LintReport report = linter.lint(LintExamples.input(ruleId, "good", environment));

            assertThat(report.findings()).as("%s in %s", ruleId, environment.label()).isEmpty();
        }
    }

    @Test
    void everyRuleHasExamplesAndEveryExampleARule() {
        List<String> expected = Arrays.stream(LintRule.values()).filter(rule -> !WITHOUT_EXAMPLES.contains(rule))
                .map(LintRule::id).sorted().toList();

        assertThat(LintExamples.ruleIds()).containsExactlyElementsOf(expected);
    }

    @Test
    void theDocNamesEveryRuleAndShowsEveryExampleAsItIs() throws IOException {
        String doc = Files.readString(DOC);

        for (LintRule rule : LintRule.values()) {
            assertThat(doc).as("docs/lint-rules.md lists %s with its default severities", rule.id())
                    .contains("| `" + rule.id() + "` | " + rule.defaultSeverity(Environment.DEV).label() + " | "
                            + rule.defaultSeverity(Environment.STAGING).label() + " | "
                            + rule.defaultSeverity(Environment.PROD).label() + " |");
        }
        for (String ruleId : LintExamples.ruleIds()) {
            for (String kind : List.of("bad", "good")) {
                for (MigrationFile file : LintExamples.files(ruleId, kind)) {
                    assertThat(doc).as("docs/lint-rules.md shows %s/%s/%s", ruleId, kind, file.name())
                            .contains(file.content().strip());
                }
            }
        }
    }
}
