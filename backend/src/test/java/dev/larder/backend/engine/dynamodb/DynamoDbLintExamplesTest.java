package dev.larder.backend.engine.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.MigrationScript;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every DynamoDB lint rule breaks on its bad example and its good example passes the whole lint, against the declared
 * spec in src/test/resources/lint-examples-dynamodb/declared-spec.json; docs/lint-rules.md shows every rule, the spec
 * and every example as they are.
 */
class DynamoDbLintExamplesTest {

    static final List<String> RULES = List.of("dynamodb.format.invalid-json", "dynamodb.format.unknown-field",
            "dynamodb.format.unknown-op", "dynamodb.format.invalid-value", "dynamodb.state.conflict",
            "dynamodb.destructive.remove-index", "dynamodb.state.change-keys");
    private static final Path DOC = Path.of("..", "docs", "lint-rules.md");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DynamoDbLint lint = new DynamoDbLint(MAPPER);

    static List<String> rules() {
        return RULES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theBadExampleBreaksItsRule(String rule) throws Exception {
        List<DynamoDbLint.Finding> findings = lint.lint(declared(), List.of(), scripts(rule, "bad"),
                Environment.PROD);

        assertThat(findings).extracting(DynamoDbLint.Finding::ruleId).contains(rule);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.file()).startsWith("V2__"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theGoodExamplePassesTheWholeLint(String rule) throws Exception {
        for (Environment environment : Environment.values()) {
            assertThat(lint.lint(declared(), List.of(), scripts(rule, "good"), environment)).as(environment.label())
                    .isEmpty();
        }
    }

    @Test
    void removingAnIndexIsAWarningInDevAndAnErrorElsewhereAndChangingKeysAnErrorEverywhere() throws Exception {
        List<MigrationScript> remove = scripts("dynamodb.destructive.remove-index", "bad");
        List<MigrationScript> rekey = scripts("dynamodb.state.change-keys", "bad");
        assertThat(lint.lint(declared(), List.of(), remove, Environment.DEV))
                .extracting(DynamoDbLint.Finding::severity).containsExactly("WARNING");
        for (Environment environment : List.of(Environment.STAGING, Environment.PROD)) {
            assertThat(lint.lint(declared(), List.of(), remove, environment))
                    .extracting(DynamoDbLint.Finding::severity).containsExactly("ERROR");
        }
        for (Environment environment : Environment.values()) {
            assertThat(lint.lint(declared(), List.of(), rekey, environment))
                    .extracting(DynamoDbLint.Finding::severity).containsExactly("ERROR");
        }
    }

    @Test
    void appliedFilesMoveTheStateTheLintJudgesAgainst() throws Exception {
        List<MigrationScript> applied = scripts("dynamodb.destructive.remove-index", "bad");
        // byStatus is gone after the applied V2, so adding it again in V3 is no conflict ...
        MigrationScript again = new MigrationScript("3", "by status", "V3__by_status.json",
                "{\"operations\": [{\"op\": \"addIndex\", \"index\": {\"name\": \"byStatus\","
                        + " \"partitionKey\": {\"name\": \"status\", \"type\": \"S\"}}}]}");
        assertThat(lint.lint(declared(), applied, List.of(again), Environment.PROD)).isEmpty();
        // ... while without that history it is
        assertThat(lint.lint(declared(), List.of(), List.of(again), Environment.PROD)).extracting(DynamoDbLint.Finding::ruleId)
                .containsExactly("dynamodb.state.conflict");
    }

    @Test
    void theDocShowsEveryRuleTheSpecAndEveryExample() throws Exception {
        String doc = Files.readString(DOC);
        assertThat(doc).contains(Files.readString(root().resolve("declared-spec.json")).strip());
        for (String rule : RULES) {
            assertThat(doc).as("docs/lint-rules.md lists %s", rule).contains("| `" + rule + "` |");
            for (String kind : List.of("bad", "good")) {
                for (MigrationScript script : scripts(rule, kind)) {
                    assertThat(doc).as("docs/lint-rules.md shows %s/%s", rule, kind)
                            .contains(script.content().strip());
                }
            }
        }
    }

    static DynamoDbSpec declared() throws Exception {
        return DynamoDbSpec.parse(MAPPER.readTree(Files.readString(root().resolve("declared-spec.json"))));
    }

    static List<MigrationScript> scripts(String rule, String kind) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(root().resolve(rule).resolve(kind))) {
            return files.sorted().map(file -> {
                String name = file.getFileName().toString();
                String version = name.substring(1, name.indexOf("__"));
                try {
                    return new MigrationScript(version, name, name, Files.readString(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static Path root() throws URISyntaxException {
        return Path.of(DynamoDbLintExamplesTest.class.getResource("/lint-examples-dynamodb").toURI());
    }
}
