package dev.larder.backend.migration.lint;

import dev.larder.backend.common.names.Environment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The examples in src/test/resources/lint-examples/&lt;rule-id&gt;/{bad,good}/: each a bundle of V__ files, with an
 * optional applied.properties (version = SHA-256, or {@code same} for the SHA of the bundle's file of that version)
 * and a per-rule case.properties ({@code replicated=true}). docs/lint-rules.md shows the same files.
 */
final class LintExamples {

    static final String SCHEMA = "shop_orders";

    private LintExamples() {
    }

    static Path root() {
        URL url = LintExamples.class.getResource("/lint-examples");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> ruleIds() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<MigrationFile> files(String ruleId, String kind) {
        try (Stream<Path> paths = Files.list(root().resolve(ruleId).resolve(kind))) {
            List<MigrationFile> files = new ArrayList<>();
            for (Path path : paths.filter(path -> path.toString().endsWith(".sql")).sorted().toList()) {
                files.add(new MigrationFile(path.getFileName().toString(), Files.readString(path)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LintInput input(String ruleId, String kind, Environment environment) {
        List<MigrationFile> files = files(ruleId, kind);
        Map<String, String> applied = new HashMap<>();
        properties(root().resolve(ruleId).resolve(kind).resolve("applied.properties")).forEach((version, sha) -> {
            String value = sha.toString();
            if (value.equals("same")) {
                value = files.stream().filter(file -> version.equals(file.version())).findFirst().orElseThrow()
                        .sha256();
            }
            applied.put(version.toString(), value);
        });
        boolean replicated = Boolean.parseBoolean(properties(root().resolve(ruleId).resolve("case.properties"))
                .getProperty("replicated", "false"));
        return new LintInput(files, SCHEMA, applied, replicated, environment);
    }

    private static Properties properties(Path path) {
        Properties properties = new Properties();
        if (Files.exists(path)) {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }
}
