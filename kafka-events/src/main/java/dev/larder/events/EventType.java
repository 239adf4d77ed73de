package dev.larder.events;

import java.util.Locale;

/**
 * One CloudEvent type of the contract: its type string, the topic it travels on, the record its data binds to
 * and the JSON Schema (a classpath resource) that validates the whole envelope.
 */
public record EventType(String type, String topic, Class<?> dataClass) {

    /** {@code migration} for {@code dev.larder.migration.requested.v1}. */
    public String aggregate() {
        return type.split("\\.")[2];
    }

    /** {@code v1} for {@code dev.larder.migration.requested.v1}. */
    public String version() {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The record's simple name in kebab case: {@code DataChangeRolledBack} becomes {@code data-change-rolled-back}. */
    public String kebabName() {
        return dataClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** e.g. {@code schemas/migration/v1/migration-requested.json}. */
    public String schemaPath() {
        return "schemas/" + aggregate() + "/" + version() + "/" + kebabName() + ".json";
    }

    /** e.g. {@code schemas/migration/v1/examples/migration-requested.json}. */
    public String examplePath() {
        return "schemas/" + aggregate() + "/" + version() + "/examples/" + kebabName() + ".json";
    }

    public boolean isCommand() {
        return Topics.COMMANDS.equals(topic);
    }
}
