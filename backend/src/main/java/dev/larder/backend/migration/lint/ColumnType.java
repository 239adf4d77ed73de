package dev.larder.backend.migration.lint;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MySQL column type as far as {@code compat.narrowing-type} needs it: the base type (synonyms folded, e.g.
 * INTEGER is INT, NUMERIC is DECIMAL), its arguments and UNSIGNED.
 *
 * <p>The narrowing heuristic compares two types of the same family only; a change across families (VARCHAR to INT)
 * is not judged here. Families and what "narrower" means:
 * <ul>
 *   <li>integers: the new range (TINYINT 1 byte ... BIGINT 8 bytes, signed or unsigned) does not contain the old</li>
 *   <li>character strings: fewer characters (CHAR(n)/VARCHAR(n) hold n; TINYTEXT 255, TEXT 65,535,
 *       MEDIUMTEXT 16,777,215, LONGTEXT 4,294,967,295)</li>
 *   <li>binary strings: the same with BINARY/VARBINARY and the BLOB sizes</li>
 *   <li>DECIMAL(p,s): fewer integer digits (p-s) or fewer decimals (s); FLOAT is narrower than DOUBLE</li>
 *   <li>date and time: DATE is narrower than TIMESTAMP, which is narrower than DATETIME; fewer fractional digits</li>
 *   <li>ENUM and SET: a value that existed is gone</li>
 * </ul>
 */
record ColumnType(String base, List<String> args, boolean unsigned) {

    private static final Map<String, Integer> INTEGER_BYTES =
            Map.of("TINYINT", 1, "SMALLINT", 2, "MEDIUMINT", 3, "INT", 4, "BIGINT", 8);
    private static final Map<String, Long> TEXT_CHARS = Map.of("TINYTEXT", 255L, "TEXT", 65_535L,
            "MEDIUMTEXT", 16_777_215L, "LONGTEXT", 4_294_967_295L);
    private static final Map<String, Long> BLOB_BYTES = Map.of("TINYBLOB", 255L, "BLOB", 65_535L,
            "MEDIUMBLOB", 16_777_215L, "LONGBLOB", 4_294_967_295L);
    private static final Map<String, Integer> TEMPORAL_RANK = Map.of("DATE", 0, "TIMESTAMP", 1, "DATETIME", 2);

    ColumnType {
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        return base + (args.isEmpty() ? "" : "(" + String.join(",", args) + ")") + (unsigned ? " UNSIGNED" : "");
    }

    /** Why {@code next} is narrower than this type, or empty when it is not (or the families differ). */
    Optional<String> narrowedBy(ColumnType next) {
        String reason = null;
        if (INTEGER_BYTES.containsKey(base) && INTEGER_BYTES.containsKey(next.base)) {
            if (next.min().compareTo(min()) > 0 || next.max().compareTo(max()) < 0) {
                reason = "its range " + next.min() + ".." + next.max() + " does not hold " + min() + ".." + max();
            }
        } else if (characters().isPresent() && next.characters().isPresent()) {
            if (next.characters().get() < characters().get()) {
                reason = "it holds " + next.characters().get() + " characters instead of " + characters().get();
            }
        } else if (bytes().isPresent() && next.bytes().isPresent()) {
            if (next.bytes().get() < bytes().get()) {
                reason = "it holds " + next.bytes().get() + " bytes instead of " + bytes().get();
            }
        } else if (base.equals("DECIMAL") && next.base.equals("DECIMAL")) {
            int precision = intArg(0, 10);
            int scale = intArg(1, 0);
            int nextPrecision = next.intArg(0, 10);
            int nextScale = next.intArg(1, 0);
            if (nextPrecision - nextScale < precision - scale || nextScale < scale) {
                reason = "DECIMAL(" + nextPrecision + "," + nextScale + ") keeps fewer digits than DECIMAL("
                        + precision + "," + scale + ")";
            }
        } else if (isFloating() && next.isFloating()) {
            if (next.floatBytes() < floatBytes()) {
                reason = "FLOAT keeps about 7 significant digits, DOUBLE about 15";
            }
        } else if (TEMPORAL_RANK.containsKey(base) && TEMPORAL_RANK.containsKey(next.base)) {
            if (TEMPORAL_RANK.get(next.base) < TEMPORAL_RANK.get(base)) {
                reason = next.base + " holds less than " + base;
            } else if (!base.equals("DATE") && !next.base.equals("DATE") && next.intArg(0, 0) < intArg(0, 0)) {
                reason = "it keeps " + next.intArg(0, 0) + " fractional digits instead of " + intArg(0, 0);
            }
        } else if ((base.equals("ENUM") || base.equals("SET")) && base.equals(next.base)) {
            List<String> gone = args.stream().filter(value -> !next.args.contains(value)).toList();
            if (!gone.isEmpty()) {
                reason = "the values " + gone + " are gone";
            }
        }
        return Optional.ofNullable(reason);
    }

    private BigInteger min() {
        return unsigned ? BigInteger.ZERO : BigInteger.TWO.pow(INTEGER_BYTES.get(base) * 8 - 1).negate();
    }

    private BigInteger max() {
        int bits = INTEGER_BYTES.get(base) * 8;
        return (unsigned ? BigInteger.TWO.pow(bits) : BigInteger.TWO.pow(bits - 1)).subtract(BigInteger.ONE);
    }

    private Optional<Long> characters() {
        if (base.equals("CHAR") || base.equals("VARCHAR")) {
            return Optional.of((long) intArg(0, base.equals("CHAR") ? 1 : 0));
        }
        return Optional.ofNullable(TEXT_CHARS.get(base));
    }

    private Optional<Long> bytes() {
        if (base.equals("BINARY") || base.equals("VARBINARY")) {
            return Optional.of((long) intArg(0, base.equals("BINARY") ? 1 : 0));
        }
        return Optional.ofNullable(BLOB_BYTES.get(base));
    }

    private boolean isFloating() {
        return base.equals("FLOAT") || base.equals("DOUBLE");
    }

    private int floatBytes() {
        return base.equals("DOUBLE") || intArg(0, 0) > 24 ? 8 : 4;
    }

    private int intArg(int index, int fallback) {
        if (index >= args.size()) {
            return fallback;
        }
        try {
            return Integer.parseInt(args.get(index));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
