package dev.larder.backend.migration.lint;

import dev.larder.backend.common.names.Environment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the lint looks at.
 *
 * @param files                  the bundle: every file CI shipped, already applied ones included (they are
 *                               checked for drift and teach the lint the current columns; only new files are
 *                               judged by the statement rules)
 * @param schema                 the datastore's own schema, e.g. {@code shop_orders}
 * @param appliedSha256ByVersion versions Larder already applied to this datastore and the SHA-256 of each file
 * @param replicated             whether the datastore's cluster is a member of a replication group (hot-hot)
 * @param environment            the datastore's environment; picks the policy's severities
 */
public record LintInput(List<MigrationFile> files, String schema, Map<String, String> appliedSha256ByVersion,
        boolean replicated, Environment environment) {

    public LintInput {
        files = files == null ? List.of() : files.stream().filter(Objects::nonNull).toList();
        Objects.requireNonNull(schema, "schema");
        Map<String, String> applied = new HashMap<>();
        if (appliedSha256ByVersion != null) {
            appliedSha256ByVersion.forEach((version, sha) -> {
                if (version != null) {
                    applied.put(version, sha == null ? "" : sha);
                }
            });
        }
        appliedSha256ByVersion = Map.copyOf(applied);
        Objects.requireNonNull(environment, "environment");
    }

    /** A bundle with nothing applied yet, outside any replication group. */
    public static LintInput of(String schema, Environment environment, MigrationFile... files) {
        return new LintInput(List.of(files), schema, Map.of(), false, environment);
    }
}
