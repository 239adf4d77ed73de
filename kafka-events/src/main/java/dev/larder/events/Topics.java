package dev.larder.events;

/** The Kafka topics Larder reads and writes; the contract both services share. */
public final class Topics {

    /** Commands from CI and scripts: migrations, scripted data changes. */
    public static final String COMMANDS = "larder.commands.v1";

    /** Facts Larder publishes (CloudEvents, keyed by datastore id). */
    public static final String EVENTS = "larder.events.v1";

    /** Commands that could not be read, with the reason in a header. */
    public static final String COMMANDS_DLQ = "larder.commands.v1.dlq";

    private Topics() {
    }
}
