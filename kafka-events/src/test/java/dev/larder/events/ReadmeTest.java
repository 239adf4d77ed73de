package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's examples are the example files, and its table lists every type. */
class ReadmeTest {

    @Test
    void readmeShowsTheExampleOfEveryCommandAndMigrationEvent() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (EventType type : EventTypes.all()) {
            assertThat(readme).as("type table").contains("| `" + type.type() + "` | `" + type.topic() + "` |");
            assertThat(readme).as("schema path").contains(type.schemaPath());
            if (type.isCommand() || type.aggregate().equals("migration")) {
                assertThat(readme).as(type.examplePath()).contains(Resources.read(type.examplePath()).strip());
            }
        }
        assertThat(readme).contains(List.of(Topics.COMMANDS, Topics.EVENTS, Topics.COMMANDS_DLQ));
    }
}
