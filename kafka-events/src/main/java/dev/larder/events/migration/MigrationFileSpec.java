package dev.larder.events.migration;

/**
 * One Flyway migration file in a bundle.
 *
 * @param name    Flyway file name, {@code V<version>__<description>.sql}
 * @param sha256  hex SHA-256 of {@code content} as UTF-8 bytes, so a mangled upload is caught
 * @param content the SQL
 */
public record MigrationFileSpec(String name, String sha256, String content) {

    /** Flyway's versioned-migration naming, as the schema checks it. */
    public static final String NAME_PATTERN = "^V[0-9]+([._][0-9]+)*__[A-Za-z0-9_ -]+\\.sql$";
}
