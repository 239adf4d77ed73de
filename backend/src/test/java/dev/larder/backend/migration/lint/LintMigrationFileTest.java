package dev.larder.backend.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.common.names.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LintMigrationFileTest {

    private final MigrationLinter linter = new MigrationLinter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "V1__init.sql|1|init",
        "V1_2__add_orders.sql|1.2|add orders",
        "V1.2.3__x.sql|1.2.3|x",
        "V007__x.sql|007|x",
        "db/migration/V20240101_1200__nightly.sql|20240101.1200|nightly",
    })
    void versionedNamesAreParsedTheFlywayWay(String name, String version, String description) {
        MigrationFile file = new MigrationFile(name, "");

        assertThat(file.version()).isEqualTo(version);
        assertThat(file.description()).isEqualTo(description);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "R__views.sql|repeatable",
        "U2__undo.sql|undo",
        "B5__baseline.sql|baseline",
        "V2__.sql|description",
        "V2___.sql|description",
        "V2_add.sql|not a Flyway",
        "v2__lower.sql|not a Flyway",
        "V2__x.SQL|.sql",
        "V2__x.txt|.sql",
        "V1.a__x.sql|not a Flyway",
        "README.md|.sql",
    })
    void otherNamesAreRefusedWithAReason(String name, String reason) {
        MigrationFile file = new MigrationFile(name, "SELECT 1;");
        assertThat(file.version()).isNull();

        LintReport report = linter.lint(LintInput.of("shop_orders", Environment.DEV, file));

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("flyway.file-name");
            assertThat(finding.message()).contains(reason);
        });
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        List<String> versions = new ArrayList<>(List.of("1.10", "2", "1.9", "1.2.3", "10", "1", "1.2",
                "99999999999999999999"));
        versions.sort(MigrationFile.VERSION_ORDER);

        assertThat(versions).containsExactly("1", "1.2", "1.2.3", "1.9", "1.10", "2", "10", "99999999999999999999");
        assertThat(MigrationFile.compareVersions("1", "1.0")).isZero();
        assertThat(MigrationFile.compareVersions("1_2", "1.2")).isZero();
        assertThat(MigrationFile.compareVersions("01", "1")).isZero();
        assertThat(MigrationFile.compareVersions("garbage", "1")).isNegative();
    }

    @Test
    void sha256IsOfTheUtf8Content() {
        assertThat(new MigrationFile("V1__x.sql", "").sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new MigrationFile("V1__x.sql", "é").sha256())
                .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void versionsThatFlywayTreatsAsEqualAreDuplicates() {
        LintReport report = linter.lint(LintInput.of("shop_orders", Environment.DEV,
                new MigrationFile("V1__a.sql", "SELECT 1;"), new MigrationFile("V1.0__b.sql", "SELECT 1;"),
                new MigrationFile("V1_0__c.sql", "SELECT 1;")));

        assertThat(report.errors()).extracting(Finding::ruleId)
                .containsExactly("flyway.duplicate-version", "flyway.duplicate-version");
    }

    @Test
    void appliedFilesAreMatchedByVersionAndChecksum() {
        MigrationFile v1 = new MigrationFile("V1__create.sql", "CREATE TABLE t (id INT PRIMARY KEY);");
        MigrationFile v1Edited = new MigrationFile("V1__create.sql", "CREATE TABLE t (id BIGINT PRIMARY KEY);");
        MigrationFile v2 = new MigrationFile("V1_5__late.sql", "ALTER TABLE t ADD COLUMN a INT NULL;");
        MigrationFile v3 = new MigrationFile("V3__next.sql", "ALTER TABLE t ADD COLUMN b INT NULL;");
        Map<String, String> applied = Map.of("1", v1.sha256().toUpperCase(), "2", "f".repeat(64));

        LintReport ok = linter.lint(new LintInput(List.of(v1, v3), "shop_orders", applied, false, Environment.PROD));
        LintReport drift = linter.lint(new LintInput(List.of(v1Edited, v3), "shop_orders", applied, false,
                Environment.PROD));
        LintReport late = linter.lint(new LintInput(List.of(v1, v2, v3), "shop_orders", applied, false,
                Environment.PROD));

        assertThat(ok.findings()).isEmpty();
        assertThat(drift.errors()).extracting(Finding::ruleId).containsExactly("flyway.checksum-drift");
        assertThat(late.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("flyway.version-order");
            assertThat(finding.file()).isEqualTo("V1_5__late.sql");
        });
    }
}
