package dev.larder.backend.engine;

import dev.larder.backend.secrets.Secret;
import java.time.Instant;

/**
 * A login to show to a person: the datastore's own (level and expiry null) or a time-boxed access grant's.
 * Carries the secret: never log it.
 */
public record Credentials(String login, Secret password, AccessGrants.Level level, Instant expiresAt) {

    public static Credentials owner(String login, Secret password) {
        return new Credentials(login, password, null, null);
    }

    @Override
    public String toString() {
        return "Credentials[" + login + "]";
    }
}
