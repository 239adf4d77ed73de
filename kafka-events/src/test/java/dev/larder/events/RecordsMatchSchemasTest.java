package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the Java records serialise to is what the schemas accept: code and schema cannot drift apart. */
class RecordsMatchSchemasTest {

    private static final SchemaValidation VALIDATION = new SchemaValidation();

    static Stream<Arguments> samples() {
        return Samples.byType().entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(data -> Arguments.of(
                        Named.of(entry.getKey(), entry.getKey()),
                        Named.of(data.getClass().getSimpleName(), data))));
    }

    @Test
    void everyTypeHasASample() {
        Map<String, List<Object>> samples = Samples.byType();

        assertThat(samples.keySet())
                .containsExactlyInAnyOrderElementsOf(EventTypes.all().stream().map(EventType::type).toList());
        samples.forEach((type, data) -> assertThat(data)
                .as(type)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d).isInstanceOf(EventTypes.dataClass(type).orElseThrow())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void serialisedRecordValidates(String type, Object data) {
        CloudEvent<Object> event = CloudEvent.of(type, source(type), Samples.subjectOf(data), data);

        String json = EventJson.write(event);

        assertThat(VALIDATION.validate(type, json)).as(json).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void serialisedRecordReadsBackEqual(String type, Object data) throws EventFormatException {
        CloudEvent<Object> event = CloudEvent.of(type, source(type), Samples.subjectOf(data), data);

        assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void typeIsFoundFromTheRecordClass(String type, Object data) {
        assertThat(EventTypes.typeOf(data.getClass())).isEqualTo(type);
        assertThat(CloudEvent.of(source(type), "42", data).type()).isEqualTo(type);
    }

    private static String source(String type) {
        return EventTypes.find(type).orElseThrow().isCommand() ? "/ci/github-actions" : CloudEvent.BACKEND_SOURCE;
    }
}
