package dev.larder.events.datachange;

import java.util.List;

/**
 * An approved data change ran and committed.
 *
 * @param affectedRows rows affected, one entry per statement in order
 */
public record DataChangeExecuted(long dataChangeId, long datastoreId, String requestedBy, List<Long> affectedRows,
        long durationMs) {

    public DataChangeExecuted {
        affectedRows = affectedRows == null ? List.of() : List.copyOf(affectedRows);
    }
}
