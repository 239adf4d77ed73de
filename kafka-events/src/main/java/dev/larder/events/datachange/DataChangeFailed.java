package dev.larder.events.datachange;

/**
 * A data change did not commit; nothing of it is left applied.
 *
 * @param reason    for a person: the server's error or the guard that stopped it
 * @param statement the statement that failed, if one did
 */
public record DataChangeFailed(long dataChangeId, long datastoreId, String reason, String statement) {
}
