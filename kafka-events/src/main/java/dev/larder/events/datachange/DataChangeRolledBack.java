package dev.larder.events.datachange;

import java.util.List;

/**
 * A data change was undone from its before-image.
 *
 * @param dataChangeId the rollback itself (a data change of its own)
 * @param rollbackOf   the data change that was undone
 * @param restoredRows rows restored, one entry per original statement in order
 */
public record DataChangeRolledBack(long dataChangeId, long datastoreId, long rollbackOf, List<Long> restoredRows) {

    public DataChangeRolledBack {
        restoredRows = restoredRows == null ? List.of() : List.copyOf(restoredRows);
    }
}
