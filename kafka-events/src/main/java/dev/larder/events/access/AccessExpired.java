package dev.larder.events.access;

/** A grant reached its expiry and its login was removed. */
public record AccessExpired(long grantId, long datastoreId, String holder) {
}
