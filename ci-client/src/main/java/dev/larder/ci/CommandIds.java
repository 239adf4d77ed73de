package dev.larder.ci;

import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The default command id: derived from what is sent, so a CI job that is retried with the same files sends the same
 * id, and Larder answers it again instead of applying it twice.
 */
final class CommandIds {

    static final String PREFIX = "ci-";

    private CommandIds() {
    }

    /**
     * {@code ci-} and the first 32 hex characters of the SHA-256 over the UTF-8 text
     * {@code <datastore key>\n} followed by {@code <file name>\n<file sha256>\n} for each file, in bundle order.
     * The datastore key is the id, or {@code <service>/<name>/<environment>}.
     */
    static String stable(DatastoreRef datastore, List<MigrationFileSpec> files) {
        StringBuilder input = new StringBuilder(datastore.key()).append('\n');
        for (MigrationFileSpec file : files) {
            input.append(file.name()).append('\n').append(file.sha256()).append('\n');
        }
        String hex = HexFormat.of().formatHex(BundlePacker.sha256(input.toString().getBytes(StandardCharsets.UTF_8)));
        return PREFIX + hex.substring(0, 32);
    }
}
