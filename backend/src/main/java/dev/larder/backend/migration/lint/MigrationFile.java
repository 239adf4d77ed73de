package dev.larder.backend.migration.lint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Flyway SQL file of a bundle, as submitted: its name (a path is allowed; only the last segment counts) and
 * its text. Names follow Flyway's versioned-migration convention {@code V<version>__<description>.sql}; a name that
 * does not is still a valid {@code MigrationFile}, with a null {@link #version()}, and the lint reports it.
 */
public record MigrationFile(String name, String content) {

    /** Flyway's versioned migration: V, digits separated by '.' or '_', two underscores, a description, .sql. */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    /**
     * Orders normalised versions the way Flyway does: numerically, part by part, missing parts count as zero
     * (so {@code 1.10 > 1.9} and {@code 1 == 1.0}). Not-a-version strings sort first, by text.
     */
    public static final Comparator<String> VERSION_ORDER = MigrationFile::compareVersions;

    public MigrationFile {
        name = name == null ? "" : name;
        content = content == null ? "" : content;
    }

    /** The name without any directory part. */
    public String fileName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** The Flyway version with underscores turned into dots ({@code V1_2__x.sql} is {@code "1.2"}), or null. */
    public String version() {
        Matcher matcher = VERSIONED.matcher(fileName());
        return matcher.matches() && !description(matcher).isBlank() ? matcher.group(1).replace('_', '.') : null;
    }

    /** The description with underscores as spaces, as Flyway shows it, or null when the name is not versioned. */
    public String description() {
        Matcher matcher = VERSIONED.matcher(fileName());
        if (!matcher.matches()) {
            return null;
        }
        String description = description(matcher);
        return description.isBlank() ? null : description;
    }

    /** Lower-case hex SHA-256 of the content's UTF-8 bytes: how Larder recognises a file it applied. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Compares two versions as Flyway does; see {@link #VERSION_ORDER}. */
    public static int compareVersions(String left, String right) {
        boolean leftValid = isVersion(left);
        boolean rightValid = isVersion(right);
        if (!leftValid || !rightValid) {
            if (leftValid != rightValid) {
                return leftValid ? 1 : -1;
            }
            return String.valueOf(left).compareTo(String.valueOf(right));
        }
        String[] leftParts = left.split("[._]");
        String[] rightParts = right.split("[._]");
        for (int i = 0; i < Math.max(leftParts.length, rightParts.length); i++) {
            BigInteger l = i < leftParts.length ? new BigInteger(leftParts[i]) : BigInteger.ZERO;
            BigInteger r = i < rightParts.length ? new BigInteger(rightParts[i]) : BigInteger.ZERO;
            int compared = l.compareTo(r);
            if (compared != 0) {
                return compared;
            }
        }
        return 0;
    }

    /** True for digits separated by single '.' or '_', the shape of a Flyway version. */
    public static boolean isVersion(String version) {
        return version != null && version.matches("\\d+(?:[._]\\d+)*");
    }

    private static String description(Matcher matcher) {
        return matcher.group(2).replace('_', ' ').strip();
    }
}
