package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example payload beside the schemas is valid and reads into the record of its type. */
class ExamplesTest {

    private static final SchemaValidation VALIDATION = new SchemaValidation();

    static Stream<Named<EventType>> types() {
        return EventTypes.all().stream().map(type -> Named.of(type.type(), type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleValidatesAgainstItsSchema(EventType type) {
        String json = Resources.read(type.examplePath());

        assertThat(VALIDATION.validate(type.type(), json)).as(type.examplePath()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleReadsIntoItsRecord(EventType type) throws EventFormatException {
        String json = Resources.read(type.examplePath());

        CloudEvent<?> event = EventJson.read(json);

        assertThat(event.type()).isEqualTo(type.type());
        assertThat(event.data()).isInstanceOf(type.dataClass());
        assertThat(event.time()).isNotNull();
        assertThat(event.subject()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleSurvivesARoundTripThroughTheRecord(EventType type) throws EventFormatException {
        CloudEvent<?> event = EventJson.read(Resources.read(type.examplePath()));

        CloudEvent<?> again = EventJson.read(EventJson.write(event));

        assertThat(again).isEqualTo(event);
        assertThat(VALIDATION.validate(type.type(), EventJson.write(event))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void migrationExampleChecksumsMatchTheirContent() throws EventFormatException {
        MigrationRequested command = EventJson.read(
                Resources.read(EventTypes.find(EventTypes.MIGRATION_REQUESTED).orElseThrow().examplePath()),
                MigrationRequested.class).data();

        for (MigrationFileSpec file : command.files()) {
            assertThat(file.sha256()).as(file.name()).isEqualTo(Samples.sha256(file.content()));
        }
    }
}
