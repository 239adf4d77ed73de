package dev.larder.ci;

import dev.larder.events.migration.MigrationFileSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Packs a Flyway migration directory into a {@link Bundle}. Like Flyway, it looks into subdirectories too; the
 * bundle carries file names only, so a version must be unique across the whole tree.
 */
final class BundlePacker {

    /** The backend's default limit ({@code larder.migrations.max-bundle-bytes}). */
    static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private BundlePacker() {
    }

    private record Candidate(Path path, String name, FlywayVersion version) {
    }

    /**
     * @param ignoreOtherFiles leave out files that are not versioned migrations instead of refusing the directory
     * @throws CliException exit code 2 for a directory that is missing or empty, holds other files, duplicate
     *                      versions or text that is not UTF-8, or adds up to more than {@code maxBytes}
     */
    static Bundle pack(Path dir, long maxBytes, boolean ignoreOtherFiles) {
        if (!Files.isDirectory(dir)) {
            throw CliException.packing("migration directory " + dir + " does not exist or is not a directory"
                    + " (run from the repository root, or pass --dir)");
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Path file : regularFiles(dir)) {
            String name = file.getFileName().toString();
            String relative = dir.relativize(file).toString();
            Optional<FlywayVersion> version = FlywayVersion.ofFileName(name);
            if (version.isPresent()) {
                candidates.add(new Candidate(file, name, version.get()));
            } else {
                others.add(relative + ": " + whyNot(name));
            }
        }
        if (!others.isEmpty() && !ignoreOtherFiles) {
            throw CliException.packing(others.size() + (others.size() == 1 ? " file" : " files") + " in " + dir
                    + " " + (others.size() == 1 ? "is" : "are") + " not a versioned migration"
                    + " (V<version>__<description>.sql or .json):\n  " + String.join("\n  ", others)
                    + "\nRename or remove " + (others.size() == 1 ? "it" : "them")
                    + ", or pass --ignore-other-files to leave such files out of the bundle.");
        }
        if (candidates.isEmpty()) {
            throw CliException.packing("no V<version>__<description>.sql or .json files in " + dir
                    + ": nothing to migrate");
        }
        // One datastore, one kind, one extension: a mix is a mistake Larder would refuse file by file.
        List<String> extensions = candidates.stream().map(c -> c.name().substring(c.name().lastIndexOf('.') + 1))
                .distinct().sorted().toList();
        if (extensions.size() > 1) {
            throw CliException.packing("migrations in " + dir + " mix ." + String.join(" and .", extensions)
                    + " files; a datastore's migrations all have its kind's extension (sql for MySQL, json for"
                    + " DynamoDB and OpenSearch)");
        }
        candidates.sort(Comparator.comparing(Candidate::version).thenComparing(Candidate::name));
        List<String> duplicates = new ArrayList<>();
        for (int i = 1; i < candidates.size(); i++) {
            Candidate previous = candidates.get(i - 1);
            Candidate current = candidates.get(i);
            if (previous.version().sameAs(current.version())) {
                duplicates.add("version " + current.version() + ": " + dir.relativize(previous.path()) + " and "
                        + dir.relativize(current.path()));
            }
        }
        if (!duplicates.isEmpty()) {
            throw CliException.packing("more than one migration with the same version in " + dir + ":\n  "
                    + String.join("\n  ", duplicates));
        }

        List<MigrationFileSpec> files = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        long total = 0;
        for (Candidate candidate : candidates) {
            long size = size(candidate.path());
            if (total + size > maxBytes + UTF8_BOM.length) {
                // too large even if it starts with a byte order mark: refuse before reading it
                throw tooLarge(dir, total + size - UTF8_BOM.length, maxBytes, candidate.name());
            }
            String content = readUtf8(candidate.path(), dir);
            long bytes = content.getBytes(StandardCharsets.UTF_8).length;
            total += bytes;
            if (total > maxBytes) {
                throw tooLarge(dir, total, maxBytes, candidate.name());
            }
            files.add(new MigrationFileSpec(candidate.name(), sha256Hex(content), content));
            versions.add(candidate.version().toString());
        }
        List<String> ignored = ignoreOtherFiles ? others.stream().map(o -> o.substring(0, o.indexOf(": "))).toList()
                : List.of();
        return new Bundle(dir, files, versions, total, ignored);
    }

    /** Lowercase hex SHA-256 of the text's UTF-8 bytes, as the contract's {@code sha256} fields carry it. */
    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String whyNot(String name) {
        if (name.matches("^R__.*\\.sql$")) {
            return "a repeatable migration; Larder applies versioned migrations (V…) only";
        }
        if (name.matches("^[UB][0-9].*\\.sql$")) {
            return "an undo or baseline migration; Larder applies versioned migrations (V…) only";
        }
        if (name.startsWith("V") && (name.endsWith(".sql") || name.endsWith(".json"))) {
            return "not a valid versioned migration name: the version is digits separated by . or _, then two"
                    + " underscores, then a description of letters, digits, _, - and spaces";
        }
        return "not a migration file";
    }

    private static List<Path> regularFiles(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw CliException.packing("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw CliException.packing("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The file as text; a UTF-8 byte order mark is dropped, as Flyway drops it. */
    private static String readUtf8(Path file, Path dir) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.packing("cannot read " + file + ": " + e.getMessage());
        }
        int offset = startsWithBom(bytes) ? UTF8_BOM.length : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw CliException.packing(dir.relativize(file) + " is not UTF-8 text; save it as UTF-8 and run again");
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    }

    private static CliException tooLarge(Path dir, long bytes, long maxBytes, String at) {
        return CliException.packing("the bundle in " + dir + " is larger than the limit of " + maxBytes
                + " bytes (--max-bytes; the backend refuses larger ones): at least " + bytes + " bytes by " + at
                + ". Ship fewer files at a time, e.g. only those not yet applied.");
    }
}
