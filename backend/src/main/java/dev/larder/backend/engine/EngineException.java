package dev.larder.backend.engine;

/**
 * A datastore server refused or could not be reached. The message is meant for people: it names the cluster and
 * the server's reason, and engines make sure it never carries a secret.
 */
public class EngineException extends RuntimeException {

    private final boolean unreachable;

    public EngineException(String message, boolean unreachable) {
        super(message, null, false, false);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }
}
