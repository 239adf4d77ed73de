package dev.larder.backend.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret the tests saw, so the last test can check none of them reached the application log. */
public final class SeenSecrets {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private SeenSecrets() {
    }

    public static String remember(String secret) {
        if (secret != null && secret.length() >= 8) {
            SECRETS.add(secret);
        }
        return secret;
    }

    public static Set<String> all() {
        return Set.copyOf(SECRETS);
    }
}
