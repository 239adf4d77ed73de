package dev.larder.backend.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.common.names.Environment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever text a bundle holds, the lint answers with findings, never with an exception. */
class LintRobustnessTest {

    private final MigrationLinter linter = new MigrationLinter();

    private LintReport lint(String content) {
        return linter.lint(LintInput.of("shop_orders", Environment.PROD, new MigrationFile("V2__x.sql", content)));
    }

    @Test
    void randomBytesYieldFindings() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            byte[] bytes = new byte[random.nextInt(4000) + 1];
            random.nextBytes(bytes);
            String garbage = new String(bytes, StandardCharsets.UTF_8);

            LintReport report = lint(garbage);

            assertThat(report.findings()).as("round %d", round).isNotEmpty();
            assertThat(report.findings()).noneMatch(finding -> finding.ruleId().equals("lint.internal-error"));
        }
    }

    @Test
    void randomSqlFragmentsYieldFindingsNotExceptions() {
        String[] words = {"CREATE", "TABLE", "ALTER", "DROP", "(", ")", ",", ";", "'", "\"", "`", "--", "/*", "*/",
            "/*!", "#", "BEGIN", "END", "CASE", "DELIMITER", "$$", "KEY", "INDEX", "PRIMARY", "FOREIGN", "REFERENCES",
            "a.b", "x", "1", "NOT", "NULL", "DEFAULT", "ADD", "COLUMN", "MODIFY", "CHANGE", "RENAME", "TO", "ON",
            "SELECT", "FROM", "INTO", "SET", "GRANT", "USE", "\n", "=", "@", "@@", "TRIGGER", "PROCEDURE", "\\"};
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder sql = new StringBuilder();
            for (int k = random.nextInt(60); k > 0; k--) {
                sql.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }

            LintReport report = lint(sql.toString());

            assertThat(report.findings()).as(sql.toString())
                    .noneMatch(finding -> finding.ruleId().equals("lint.internal-error"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n\t", "-- only a comment", "/* block */", "# hash comment", ";", ";;;\n;",
        "DELIMITER $$\n$$\nDELIMITER ;"})
    void emptyFilesAreFindingsOfTheirOwn(String content) {
        assertThat(lint(content).findings()).extracting(Finding::ruleId).containsExactly("flyway.empty-file");
    }

    @Test
    void nullsAndOddNamesAreTolerated() {
        LintReport report = linter.lint(new LintInput(Arrays.asList(new MigrationFile(null, null), null,
                new MigrationFile("../../etc/passwd", "SELECT 1"), new MigrationFile("V" + "9".repeat(500) + "__x.sql",
                        "SELECT 1")), "shop_orders", null, false, Environment.DEV));

        assertThat(report.findings()).extracting(Finding::ruleId).contains("flyway.file-name", "flyway.empty-file")
                .doesNotContain("lint.internal-error");
        assertThat(linter.lint(new LintInput(List.of(), "shop_orders", Map.of(), false, Environment.PROD))
                .findings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE café (id INT PRIMARY KEY, ñame VARCHAR(10)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
        "INSERT INTO notes (body) VALUES ('🍕🍕 ünïcödé \u202Eevil\u202C');",
        "INSERT INTO `表` (`列`) VALUES ('値');",
        "SELECT '\u0000';",
        "SELECT 'unterminated",
        "/* unterminated comment",
        "SELECT `unterminated",
        "SELECT \uD800 lone surrogate;",
        "ALTER TABLE",
        "CREATE TABLE (",
        "ALTER TABLE t ADD",
        "ALTER TABLE t MODIFY",
        "ALTER TABLE t CHANGE",
        "ALTER TABLE t RENAME COLUMN",
        "CREATE TABLE t (id INT, , , PRIMARY KEY ())",
        "DROP TABLE",
        "RENAME TABLE a",
        "CREATE INDEX",
        "CREATE DEFINER=",
        "SET",
        "DELIMITER",
        "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;",
        "CREATE PROCEDURE p() BEGIN CASE WHEN 1 THEN SELECT 1; END CASE; END",
        "CREATE PROCEDURE p() BEGIN END END END END;",
        "END; END; BEGIN;",
    })
    void unicodeAndTruncatedInputNeverThrows(String content) {
        LintReport report = lint(content);

        assertThat(report.findings()).noneMatch(finding -> finding.ruleId().equals("lint.internal-error"));
    }

    @Test
    @Timeout(120)
    void hugeInputIsHandled() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            many.append("INSERT INTO orders (id, note) VALUES (").append(i).append(", 'note ").append(i)
                    .append("');\n");
        }
        StringBuilder oneLong = new StringBuilder("INSERT INTO orders (id) VALUES (0)");
        for (int i = 1; i < 100_000; i++) {
            oneLong.append(", (").append(i).append(')');
        }
        String deep = "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ";";
        String tooLong = "SELECT '" + "x".repeat(SqlParser.MAX_STATEMENT_CHARS) + "';";

        long started = System.nanoTime();
        LintReport report = linter.lint(LintInput.of("shop_orders", Environment.PROD,
                new MigrationFile("V2__many.sql", many.toString()),
                new MigrationFile("V3__long.sql", oneLong + ";"),
                new MigrationFile("V4__deep.sql", deep),
                new MigrationFile("V5__too_long.sql", tooLong)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
        assertThat(report.findings()).noneMatch(finding -> finding.ruleId().equals("lint.internal-error"));
        assertThat(report.findings()).filteredOn(finding -> finding.file().equals("V5__too_long.sql"))
                .extracting(Finding::ruleId).containsExactly("syntax.unparsable");
        assertThat(report.findings()).filteredOn(finding -> finding.statement() != null)
                .allSatisfy(finding -> assertThat(finding.statement().length())
                        .isLessThanOrEqualTo(Findings.STATEMENT_DISPLAY_CHARS));
    }

    @Test
    void manyFilesAreHandled() {
        List<MigrationFile> files = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            files.add(new MigrationFile("V" + i + "__step.sql", "ALTER TABLE orders ADD COLUMN c" + i
                    + " INT NULL;"));
        }

        LintReport report = linter.lint(new LintInput(files, "shop_orders", Map.of(), false, Environment.PROD));

        assertThat(report.findings()).isEmpty();
    }
}
