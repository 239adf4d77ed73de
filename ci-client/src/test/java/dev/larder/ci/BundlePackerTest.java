package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.events.migration.MigrationFileSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePackerTest {

    @TempDir
    Path dir;

    @Test
    void sortsByFlywayVersionNumericallyPartByPart() throws IOException {
        write("V10__ten.sql", "SELECT 10;\n");
        write("V2__two.sql", "SELECT 2;\n");
        write("V1_1__one_one.sql", "SELECT 1.1;\n");
        write("V1__one.sql", "SELECT 1;\n");
        write("V1_10__one_ten.sql", "SELECT 1.10;\n");
        write("V1.2__one_two.sql", "SELECT 1.2;\n");

        Bundle bundle = BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false);

        assertThat(bundle.files()).extracting(MigrationFileSpec::name).containsExactly(
                "V1__one.sql", "V1_1__one_one.sql", "V1.2__one_two.sql", "V1_10__one_ten.sql", "V2__two.sql",
                "V10__ten.sql");
        assertThat(bundle.versions()).containsExactly("1", "1.1", "1.2", "1.10", "2", "10");
        assertThat(bundle.ignored()).isEmpty();
    }

    @Test
    void looksIntoSubdirectoriesLikeFlywayAndSendsFileNamesOnly() throws IOException {
        write("V2__two.sql", "SELECT 2;\n");
        Files.createDirectories(dir.resolve("2025"));
        write("2025/V1__one.sql", "SELECT 1;\n");

        Bundle bundle = BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false);

        assertThat(bundle.files()).extracting(MigrationFileSpec::name).containsExactly("V1__one.sql", "V2__two.sql");
    }

    @Test
    void carriesUtf8ContentAndItsLowercaseHexSha256() throws IOException {
        write("V1__abc.sql", "abc");
        write("V2__unicode.sql", "-- café ✓\nSELECT 1;\n");

        Bundle bundle = BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false);

        MigrationFileSpec abc = bundle.files().get(0);
        assertThat(abc.content()).isEqualTo("abc");
        // FIPS 180-2 test vector
        assertThat(abc.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        MigrationFileSpec unicode = bundle.files().get(1);
        assertThat(unicode.content()).isEqualTo("-- café ✓\nSELECT 1;\n");
        assertThat(unicode.sha256()).matches("[0-9a-f]{64}")
                .isEqualTo(BundlePacker.sha256Hex("-- café ✓\nSELECT 1;\n"));
        assertThat(bundle.bytes()).isEqualTo(3 + "-- café ✓\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void dropsAUtf8ByteOrderMarkAsFlywayDoes() throws IOException {
        Files.write(dir.resolve("V1__bom.sql"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', 'b', 'c'});

        MigrationFileSpec file = BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false).files().get(0);

        assertThat(file.content()).isEqualTo("abc");
        assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void refusesFilesThatAreNotVersionedMigrationsNamingEach() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("R__views.sql", "SELECT 1;\n");
        write("README.md", "docs");
        write("V2_add_column.sql", "SELECT 2;\n");
        write("V3__bad+name.sql", "SELECT 3;\n");

        assertThatThrownBy(() -> BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("4 files in " + dir + " are not a versioned migration")
                .hasMessageContaining("R__views.sql: a repeatable migration")
                .hasMessageContaining("README.md: not a migration file")
                .hasMessageContaining("V2_add_column.sql: not a valid versioned migration name")
                .hasMessageContaining("V3__bad+name.sql: not a valid versioned migration name")
                .hasMessageContaining("--ignore-other-files");
    }

    @Test
    void leavesOtherFilesOutWhenAskedTo() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("R__views.sql", "SELECT 1;\n");
        write(".gitkeep", "");

        Bundle bundle = BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, true);

        assertThat(bundle.files()).extracting(MigrationFileSpec::name).containsExactly("V1__one.sql");
        assertThat(bundle.ignored()).containsExactlyInAnyOrder("R__views.sql", ".gitkeep");
    }

    @Test
    void refusesAnEmptyDirectory() {
        assertThatThrownBy(() -> BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("no V<version>__<description>.sql or .json files in " + dir);
    }

    @Test
    void packsJsonMigrationsOfDynamoDbAndOpenSearchDatastores() throws IOException {
        write("V1__by_customer.json", "{\"operations\": []}\n");
        write("V2__ttl.json", "{\"operations\": []}\n");

        assertThat(BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false).files())
                .extracting(MigrationFileSpec::name).containsExactly("V1__by_customer.json", "V2__ttl.json");
    }

    @Test
    void refusesADirectoryThatMixesExtensions() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("V2__two.json", "{}\n");

        assertThatThrownBy(() -> BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("mix .json and .sql files");
    }

    @Test
    void refusesADirectoryWithOnlyOtherFilesEvenWhenIgnoringThem() throws IOException {
        write("README.md", "docs");

        assertThatThrownBy(() -> BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, true))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("nothing to migrate");
    }

    @Test
    void refusesAMissingDirectory() {
        assertThatThrownBy(() -> BundlePacker.pack(dir.resolve("nope"), BundlePacker.DEFAULT_MAX_BYTES, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesABundleOverTheLimitCountingUtf8Bytes() throws IOException {
        write("V1__one.sql", "x".repeat(60));
        write("V2__two.sql", "é".repeat(20)); // 40 bytes in UTF-8

        assertThat(BundlePacker.pack(dir, 100, false).bytes()).isEqualTo(100);
        assertThatThrownBy(() -> BundlePacker.pack(dir, 99, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("larger than the limit of 99 bytes");
    }

    @Test
    void refusesASingleHugeFileWithoutReadingIt() throws IOException {
        write("V1__big.sql", "x".repeat(10_000));

        assertThatThrownBy(() -> BundlePacker.pack(dir, 1_000, false))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("larger than the limit of 1000 bytes");
    }

    @Test
    void refusesTwoFilesWithTheSameVersion() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("V1_0__one_again.sql", "SELECT 1;\n");

        assertThatThrownBy(() -> BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("more than one migration with the same version")
                .hasMessageContaining("version 1: ")
                .hasMessageContaining("V1__one.sql")
                .hasMessageContaining("V1_0__one_again.sql");
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), "-- caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> BundlePacker.pack(dir, BundlePacker.DEFAULT_MAX_BYTES, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("V1__latin1.sql is not UTF-8 text");
    }

    @Test
    void flywayVersionsCompareNumericallyAndIgnoreTrailingZeros() {
        List<String> sorted = List.of("10", "1.10", "1_2", "2", "1", "1.1").stream().map(FlywayVersion::parse)
                .sorted().map(FlywayVersion::toString).toList();
        assertThat(sorted).containsExactly("1", "1.1", "1.2", "1.10", "2", "10");
        assertThat(FlywayVersion.parse("1.0").sameAs(FlywayVersion.parse("1"))).isTrue();
        assertThat(FlywayVersion.parse("20250101120000").compareTo(FlywayVersion.parse("9"))).isPositive();
        assertThat(FlywayVersion.ofFileName("V3__x.sql")).map(FlywayVersion::toString).hasValue("3");
        assertThat(FlywayVersion.ofFileName("v3__x.sql")).isEmpty();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
