package dev.larder.events.access;

/** A grant was ended before it expired; the login no longer exists. */
public record AccessRevoked(long grantId, long datastoreId, String holder, String revokedBy, String reason) {
}
