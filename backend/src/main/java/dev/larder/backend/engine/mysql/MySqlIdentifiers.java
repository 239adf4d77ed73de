package dev.larder.backend.engine.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identifiers as they go into MySQL statements. Names reach here already validated; this class checks again
 * (defence in depth) and handles the two traps: GRANT treats _ and % in database names as wildcards, and MySQL 8
 * user names are limited to 32 characters.
 */
final class MySqlIdentifiers {

    private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final int MAX_USER = 32;

    private MySqlIdentifiers() {
    }

    static String checked(String identifier) {
        if (identifier == null || !SAFE.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a safe MySQL identifier: " + identifier);
        }
        return identifier;
    }

    /** `schema` for DDL. */
    static String quoted(String schema) {
        return "`" + checked(schema) + "`";
    }

    /** `schema` for GRANT/REVOKE, with the wildcards escaped so it matches exactly one schema. */
    static String grantPattern(String schema) {
        return "`" + checked(schema).replace("_", "\\_") + "`";
    }

    /** The login for a schema: the schema name itself when it fits, otherwise a stable shortened form. */
    static String loginFor(String schema) {
        checked(schema);
        if (schema.length() <= MAX_USER) {
            return schema;
        }
        return schema.substring(0, MAX_USER - 7) + "_" + shortHash(schema);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
