package dev.larder.backend.engine.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.MigrationScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The OpenSearch lint rules against their examples in src/test/resources/lint-examples-opensearch/<rule>/{bad,good}/
 * (the datastore is shop-orders; in each folder the highest version is the pending file, the others are applied),
 * and docs/lint-rules.md showing every rule and every example as it is.
 */
class OpenSearchLintExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndexFamily FAMILY = new IndexFamily("shop-orders");
    private static final List<String> RULES = List.of(OpenSearchLint.INVALID_JSON, OpenSearchLint.UNKNOWN_KEY,
            OpenSearchLint.OUTSIDE_PREFIX, OpenSearchLint.FIELD_TYPE_CHANGE, OpenSearchLint.FIELD_REMOVED,
            OpenSearchLint.REINDEX);

    static List<String> rules() {
        return RULES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theBadExampleBreaksItsRule(String rule) {
        for (Environment environment : Environment.values()) {
            List<OpenSearchLint.Finding> findings = lint(rule, "bad", environment);
            assertThat(findings).as("%s in %s", rule, environment).extracting(OpenSearchLint.Finding::ruleId)
                    .contains(rule);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theGoodExamplePassesTheWholeLint(String rule) {
        for (Environment environment : Environment.values()) {
            assertThat(lint(rule, "good", environment)).as("%s in %s", rule, environment).isEmpty();
        }
    }

    @Test
    void destructiveChangesWarnInDevAndBlockElsewhere() {
        assertThat(lint(OpenSearchLint.FIELD_TYPE_CHANGE, "bad", Environment.DEV))
                .filteredOn(f -> f.ruleId().equals(OpenSearchLint.FIELD_TYPE_CHANGE))
                .extracting(OpenSearchLint.Finding::severity).containsOnly("WARNING");
        assertThat(lint(OpenSearchLint.FIELD_REMOVED, "bad", Environment.PROD))
                .filteredOn(f -> f.ruleId().equals(OpenSearchLint.FIELD_REMOVED))
                .extracting(OpenSearchLint.Finding::severity).containsOnly("ERROR");
        assertThat(lint(OpenSearchLint.OUTSIDE_PREFIX, "bad", Environment.DEV))
                .extracting(OpenSearchLint.Finding::severity).containsOnly("ERROR");
    }

    @Test
    void everyRuleHasExamplesAndTheDocShowsThemAsTheyAre() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            assertThat(dirs.map(dir -> dir.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(RULES.stream().sorted().toList());
        }
        String doc = Files.readString(Path.of("..", "docs", "lint-rules.md"));
        for (String rule : RULES) {
            assertThat(doc).contains("| `" + rule + "` |");
            for (String kind : List.of("bad", "good")) {
                for (MigrationScript file : files(rule, kind)) {
                    assertThat(doc).as("docs/lint-rules.md shows %s/%s/%s", rule, kind, file.fileName())
                            .contains(file.content().strip());
                }
            }
        }
    }

    private static List<OpenSearchLint.Finding> lint(String rule, String kind, Environment environment) {
        List<MigrationScript> files = files(rule, kind);
        return OpenSearchLint.lint(JSON, FAMILY, files.subList(0, files.size() - 1),
                files.subList(files.size() - 1, files.size()), environment);
    }

    private static List<MigrationScript> files(String rule, String kind) {
        try (Stream<Path> paths = Files.list(root().resolve(rule).resolve(kind))) {
            List<MigrationScript> files = new ArrayList<>();
            for (Path path : paths.sorted().toList()) {
                String name = path.getFileName().toString();
                files.add(new MigrationScript(name.substring(1, name.indexOf("__")), name.substring(name.indexOf("__")
                        + 2, name.lastIndexOf('.')), name, Files.readString(path)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(OpenSearchLintExamplesTest.class.getResource("/lint-examples-opensearch").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
