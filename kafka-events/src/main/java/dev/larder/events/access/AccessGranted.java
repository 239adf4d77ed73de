package dev.larder.events.access;

import java.time.Instant;

/**
 * A time-boxed login exists for {@code holder}. The credential itself is never in an event: the holder fetches
 * it once from {@code revealUrl}, which is authenticated and audited.
 *
 * @param holder     the person, as email or Backstage user ref
 * @param breakGlass granted without prior approval under the break-glass policy; reviewed afterwards
 */
public record AccessGranted(long grantId, long datastoreId, String holder, AccessLevel level, Instant expiresAt,
        String revealUrl, boolean breakGlass) {
}
