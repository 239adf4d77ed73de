package dev.larder.backend.engine.mysql;

import dev.larder.backend.secrets.Secret;
import java.sql.SQLException;

/** Turns driver exceptions into one line a person can read, with any secret blanked out. */
final class MySqlErrors {

    private MySqlErrors() {
    }

    static String firstLine(SQLException e, Secret... secrets) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        message = redact(message, secrets);
        return message.length() > 400 ? message.substring(0, 400) + "…" : message;
    }

    static String redact(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        for (Secret secret : secrets) {
            if (secret != null && !secret.value().isEmpty()) {
                text = text.replace(secret.value(), "****");
            }
        }
        return text;
    }
}
