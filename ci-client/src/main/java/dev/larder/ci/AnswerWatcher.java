package dev.larder.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventFormatException;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.migration.MigrationStarted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Picks the answer to one command out of everything on {@code larder.events.v1} (and its own record out of the
 * dead-letter topic). Only events whose {@code data.commandId} is this command's count; other types, unknown types
 * and records that are not readable events are skipped.
 */
final class AnswerWatcher {

    /** What a record meant for this command. */
    sealed interface Seen permits Ignored, Started, Answered, Unreadable {
    }

    /** Not about this command, or a type that does not matter here. */
    record Ignored() implements Seen {
    }

    /** Larder began applying: worth a progress line, not an answer. */
    record Started(MigrationStarted started) implements Seen {
    }

    /** The final answer. */
    record Answered(Outcome outcome) implements Seen {
    }

    /** About this command, an answering type, but its data does not fit the contract: worth a warning. */
    record Unreadable(String reason) implements Seen {
    }

    private static final Ignored IGNORED = new Ignored();

    private final String commandId;

    AnswerWatcher(String commandId) {
        this.commandId = commandId;
    }

    String commandId() {
        return commandId;
    }

    /** Classifies one record value of the events topic. */
    Seen onEvent(byte[] value) {
        if (value == null) {
            return IGNORED;
        }
        String json = new String(value, StandardCharsets.UTF_8);
        JsonNode root = tree(json);
        if (root == null || !commandId.equals(commandIdOf(root))) {
            return IGNORED;
        }
        String type = root.path("type").asText("");
        if (!type.equals(EventTypes.MIGRATION_STARTED) && !type.equals(EventTypes.MIGRATION_SUCCEEDED)
                && !type.equals(EventTypes.MIGRATION_FAILED)) {
            return IGNORED;
        }
        CloudEvent<?> event;
        try {
            event = EventJson.read(json);
        } catch (EventFormatException e) {
            return new Unreadable(e.getMessage());
        }
        if (event.data() instanceof MigrationStarted started) {
            return new Started(started);
        }
        Outcome outcome = Outcome.of(event, json);
        return outcome == null ? IGNORED : new Answered(outcome);
    }

    /** True when a record value of the dead-letter topic is this command. */
    boolean isOwnCommand(byte[] value) {
        if (value == null) {
            return false;
        }
        JsonNode root = tree(new String(value, StandardCharsets.UTF_8));
        return root != null && EventTypes.MIGRATION_REQUESTED.equals(root.path("type").asText(null))
                && commandId.equals(commandIdOf(root));
    }

    private static String commandIdOf(JsonNode root) {
        JsonNode id = root.path("data").path("commandId");
        return id.isTextual() ? id.textValue() : null;
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode root = EventJson.mapper().readTree(json);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }
}
