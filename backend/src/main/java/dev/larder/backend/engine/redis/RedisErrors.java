package dev.larder.backend.engine.redis;

import dev.larder.backend.secrets.Secret;

/** Turns client exceptions into one line a person can read, with any secret blanked out. */
final class RedisErrors {

    private RedisErrors() {
    }

    static String firstLine(Exception e, Secret... secrets) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        for (Secret secret : secrets) {
            if (secret != null && !secret.value().isEmpty()) {
                message = message.replace(secret.value(), "****");
            }
        }
        return message.length() > 400 ? message.substring(0, 400) + "…" : message;
    }
}
