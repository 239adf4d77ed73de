package dev.larder.events;

/**
 * A record value that is not a readable Larder CloudEvent: not JSON, a required attribute missing, or data
 * that does not fit the record of a known type. The message is meant to be the DLQ reason.
 */
public class EventFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
