package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every type has a schema and an example, every schema a type, and the names follow the conventions. */
class ContractCompletenessTest {

    private static final Pattern TYPE = Pattern.compile("dev\\.larder\\.[a-z]+\\.[a-z]+\\.v[0-9]+");

    @Test
    void everyTypeConstantIsRegistered() throws IllegalAccessException {
        List<String> constants = typeConstants();

        assertThat(constants).doesNotHaveDuplicates().allMatch(type -> TYPE.matcher(type).matches());
        assertThat(EventTypes.all().stream().map(EventType::type).toList())
                .containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void everyTypeHasASchemaAndAnExample() {
        for (EventType type : EventTypes.all()) {
            assertThat(Resources.exists(type.schemaPath())).as(type.schemaPath()).isTrue();
            assertThat(Resources.exists(type.examplePath())).as(type.examplePath()).isTrue();
        }
    }

    @Test
    void everySchemaAndExampleBelongsToAType() {
        List<String> known = EventTypes.all().stream()
                .flatMap(type -> List.of(type.schemaPath(), type.examplePath()).stream())
                .toList();

        List<String> files = Resources.schemaTree().stream()
                .filter(path -> !path.startsWith("schemas/common/"))
                .toList();

        assertThat(files).containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void schemaIdsTitlesAndTypeConstantsAgree() throws Exception {
        for (EventType type : EventTypes.all()) {
            JsonNode schema = EventJson.mapper().readTree(Resources.read(type.schemaPath()));

            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText())
                    .isEqualTo(SchemaValidation.SCHEMA_ID_PREFIX + type.schemaPath().substring("schemas/".length()));
            assertThat(schema.path("title").asText()).isEqualTo(type.dataClass().getSimpleName());
            assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type.type());
        }
    }

    @Test
    void recordsLiveInTheirAggregatesPackage() {
        for (EventType type : EventTypes.all()) {
            assertThat(type.dataClass().getPackageName()).isEqualTo("dev.larder.events." + type.aggregate());
            assertThat(type.dataClass().isRecord()).isTrue();
        }
    }

    @Test
    void commandsAreRequestsAndEventsAreFacts() {
        for (EventType type : EventTypes.all()) {
            if (type.isCommand()) {
                assertThat(type.type()).endsWith(".requested.v1");
                assertThat(type.topic()).isEqualTo(Topics.COMMANDS);
            } else {
                assertThat(type.topic()).isEqualTo(Topics.EVENTS);
            }
        }
    }

    private static List<String> typeConstants() throws IllegalAccessException {
        Field[] fields = EventTypes.class.getDeclaredFields();
        List<Field> constants = Arrays.stream(fields)
                .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())
                        && f.getType() == String.class)
                .toList();
        String[] values = new String[constants.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (String) constants.get(i).get(null);
        }
        return List.of(values);
    }
}
