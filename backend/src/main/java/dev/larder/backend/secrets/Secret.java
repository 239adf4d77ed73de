package dev.larder.backend.secrets;

/** A secret value that prints as stars, so it cannot reach a log line by accident. */
public record Secret(String value) {

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
