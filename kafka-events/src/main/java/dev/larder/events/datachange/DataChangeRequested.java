package dev.larder.events.datachange;

import dev.larder.events.common.DatastoreRef;
import java.util.List;

/**
 * Command from a script or CI: run these statements against a datastore once they are checked and approved.
 *
 * @param reason why, for the approvers and the audit trail (at least 10 characters)
 * @param ticket optional issue-tracker reference
 */
public record DataChangeRequested(String commandId, DatastoreRef datastore, List<String> statements, String reason,
        String ticket, String requestedBy) {

    public DataChangeRequested {
        statements = statements == null ? List.of() : List.copyOf(statements);
    }
}
