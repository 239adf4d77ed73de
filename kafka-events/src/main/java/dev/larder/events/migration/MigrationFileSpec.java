package dev.larder.events.migration;

/**
 * One Flyway-named migration file in a bundle.
 *
 * @param name    Flyway file name, {@code V<version>__<description>.<ext>}: {@code sql} for MySQL, {@code json} for
 *                DynamoDB and OpenSearch (the backend checks the datastore kind's extension)
 * @param sha256  hex SHA-256 of {@code content} as UTF-8 bytes, so a mangled upload is caught
 * @param content the file's text
 */
public record MigrationFileSpec(String name, String sha256, String content) {

    /** Flyway's versioned-migration naming, as the schema checks it. */
    public static final String NAME_PATTERN = "^V[0-9]+([._][0-9]+)*__[A-Za-z0-9_ -]+\\.(sql|json)$";
}
