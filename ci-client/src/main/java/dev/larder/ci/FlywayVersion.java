package dev.larder.ci;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway migration version, compared the way Flyway compares it: numerically, part by part, with {@code .} and
 * {@code _} both separating parts, so {@code V1_2} (1.2) comes before {@code V1_10} (1.10), and trailing zero parts
 * do not count ({@code 1} equals {@code 1.0}).
 */
record FlywayVersion(List<BigInteger> parts, String text) implements Comparable<FlywayVersion> {

    /**
     * {@code V<version>__<description>.<ext>}, with the description characters the contract allows; the extension is
     * the datastore kind's ({@code sql} for MySQL, {@code json} for DynamoDB and OpenSearch), which Larder checks.
     */
    static final Pattern FILE_NAME = Pattern.compile(
            "^V([0-9]+(?:[._][0-9]+)*)__[A-Za-z0-9_ -]+\\.(sql|json)$");

    FlywayVersion {
        parts = List.copyOf(parts);
    }

    /** Parses the version out of a versioned-migration file name; empty when the name is not one. */
    static java.util.Optional<FlywayVersion> ofFileName(String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(parse(matcher.group(1)));
    }

    /** Parses {@code 1}, {@code 1.2} or {@code 1_2}; the text is kept as Flyway prints it ({@code 1.2}). */
    static FlywayVersion parse(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return new FlywayVersion(parts, String.join(".", version.split("[._]")));
    }

    @Override
    public int compareTo(FlywayVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            BigInteger mine = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int cmp = mine.compareTo(theirs);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    /** Equal as Flyway sees it: {@code 1.0} is the same version as {@code 1}. */
    boolean sameAs(FlywayVersion other) {
        return compareTo(other) == 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
