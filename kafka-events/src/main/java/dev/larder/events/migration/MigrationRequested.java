package dev.larder.events.migration;

import dev.larder.events.common.CiDetails;
import dev.larder.events.common.DatastoreRef;
import java.util.List;

/**
 * Command from CI: apply this migration bundle to a datastore. Larder answers with {@link MigrationStarted}
 * and then {@link MigrationSucceeded} or {@link MigrationFailed}, all carrying the same {@code commandId}.
 *
 * @param commandId   chosen by the sender, unique per bundle; a resent command with the same id is a no-op
 * @param requestedBy an email or a Backstage user ref such as {@code user:default/jane}
 * @param ci          optional: where the command came from
 */
public record MigrationRequested(String commandId, DatastoreRef datastore, List<MigrationFileSpec> files,
        String requestedBy, CiDetails ci) {

    public MigrationRequested {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
