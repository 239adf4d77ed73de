package dev.larder.ci;

import dev.larder.events.migration.MigrationFileSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The migration files of a directory, ready to send: sorted by Flyway version, content as UTF-8 text, SHA-256 per
 * file.
 *
 * @param dir      the directory they came from
 * @param files    the files, in Flyway version order
 * @param versions the version of each file, same order, as Flyway prints it ({@code 1.2})
 * @param bytes    sum of the contents' UTF-8 sizes, what the backend's bundle limit counts
 * @param ignored  files that are not versioned migrations, left out because of {@code --ignore-other-files}
 */
record Bundle(Path dir, List<MigrationFileSpec> files, List<String> versions, long bytes, List<String> ignored) {

    Bundle {
        files = List.copyOf(files);
        versions = List.copyOf(versions);
        ignored = List.copyOf(ignored);
    }
}
