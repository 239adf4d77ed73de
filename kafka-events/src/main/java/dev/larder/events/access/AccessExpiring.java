package dev.larder.events.access;

import java.time.Instant;

/** A grant will expire soon; the holder is told so they can request an extension. */
public record AccessExpiring(long grantId, long datastoreId, String holder, Instant expiresAt) {
}
