package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A CI client gets told which field of its command is wrong. */
class MigrationRequestedValidationTest {

    private static final SchemaValidation VALIDATION = new SchemaValidation();

    @Test
    void validCommandHasNoErrors() {
        assertThat(errors(command -> { })).isEmpty();
    }

    @Test
    void missingFilesIsRejected() {
        List<String> errors = errors(command -> data(command).remove("files"));

        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.data").contains("files"));
    }

    @Test
    void emptyFilesIsRejected() {
        List<String> errors = errors(command -> data(command).putArray("files"));

        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.data.files"));
    }

    @Test
    void badChecksumIsRejected() {
        List<String> errors = errors(command -> file(command).put("sha256", "NOT-A-SHA"));

        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.data.files[0].sha256"));
    }

    @Test
    void fileNameThatFlywayWouldNotPickUpIsRejected() {
        List<String> errors = errors(command -> file(command).put("name", "create_refund.sql"));

        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.data.files[0].name"));
    }

    @Test
    void repeatableAndUndoMigrationsAreNotVersionedMigrations() {
        assertThat(errors(command -> file(command).put("name", "R__views.sql")))
                .anySatisfy(e -> assertThat(e).startsWith("$.data.files[0].name"));
        assertThat(errors(command -> file(command).put("name", "V3_create.sql")))
                .anySatisfy(e -> assertThat(e).startsWith("$.data.files[0].name"));
    }

    @Test
    void datastoreMustBeNamedOneWayOnly() {
        assertThat(errors(command -> ((ObjectNode) data(command).get("datastore")).put("id", 42)))
                .anySatisfy(e -> assertThat(e).startsWith("$.data.datastore"));
        assertThat(errors(command -> ((ObjectNode) data(command).get("datastore")).remove("environment")))
                .anySatisfy(e -> assertThat(e).startsWith("$.data.datastore"));
    }

    @Test
    void requestedByMustBeAPerson() {
        assertThat(errors(command -> data(command).put("requestedBy", "jenkins")))
                .anySatisfy(e -> assertThat(e).startsWith("$.data.requestedBy"));
        assertThat(errors(command -> data(command).put("requestedBy", "user:default/jane"))).isEmpty();
    }

    @Test
    void envelopeIsValidatedToo() {
        assertThat(errors(command -> command.put("specversion", "0.3")))
                .anySatisfy(e -> assertThat(e).startsWith("$.specversion"));
        assertThat(errors(command -> command.put("time", "yesterday")))
                .anySatisfy(e -> assertThat(e).startsWith("$.time"));
        assertThat(errors(command -> command.put("type", EventTypes.DATACHANGE_REQUESTED)))
                .anySatisfy(e -> assertThat(e).startsWith("$.type"));
    }

    @Test
    void unknownFieldsAreAllowedForForwardCompatibility() {
        assertThat(errors(command -> {
            command.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            data(command).put("priority", "low");
            file(command).put("checksumAlgorithm", "sha256");
        })).isEmpty();
    }

    @Test
    void credentialsCannotRideAlongInData() {
        assertThat(errors(command -> data(command).put("password", "hunter2")))
                .anySatisfy(e -> assertThat(e).startsWith("$.data"));
    }

    @Test
    void notJsonIsReportedNotThrown() {
        assertThat(VALIDATION.validate(EventTypes.MIGRATION_REQUESTED, "{not json"))
                .singleElement().asString().startsWith("not valid JSON");
        assertThat(VALIDATION.validate("dev.larder.unknown.happened.v1", "{}"))
                .singleElement().asString().contains("no schema");
    }

    private static List<String> errors(Consumer<ObjectNode> mutation) {
        CloudEvent<?> event = CloudEvent.of(EventTypes.MIGRATION_REQUESTED, "/ci/github-actions",
                "orders/orders_db/prod", Samples.migrationRequested());
        ObjectNode command = EventJson.mapper().valueToTree(event);
        mutation.accept(command);
        String json = command.toString();
        return VALIDATION.validate(EventTypes.MIGRATION_REQUESTED, json);
    }

    private static ObjectNode data(ObjectNode command) {
        return (ObjectNode) command.get("data");
    }

    private static ObjectNode file(ObjectNode command) {
        return (ObjectNode) ((ArrayNode) data(command).get("files")).get(0);
    }
}
