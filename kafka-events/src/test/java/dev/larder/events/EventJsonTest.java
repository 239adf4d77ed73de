package dev.larder.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.events.approval.ApprovalDecided;
import dev.larder.events.approval.ApprovalDecision;
import dev.larder.events.approval.ApprovalSubjectType;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationRequested;
import dev.larder.events.migration.MigrationStarted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String UNKNOWN = """
            {"specversion":"1.0","id":"e-1","source":"/larder/backend","type":"dev.larder.cache.flushed.v1",
             "subject":"42","time":"2026-03-02T10:00:00Z","datacontenttype":"application/json",
             "data":{"keys":17,"nested":{"a":[1,2]}}}
            """;

    @Test
    void envelopeIsWrittenWithTheCloudEventsAttributeNames() throws Exception {
        CloudEvent<MigrationStarted> event = CloudEvent.of(EventTypes.MIGRATION_STARTED, CloudEvent.BACKEND_SOURCE, "42",
                new MigrationStarted("c-1", 7, 42, List.of("a"), List.of("3"))).withId("outbox-7")
                .withTime(Instant.parse("2026-03-02T10:00:00.250Z"));

        JsonNode json = EventJson.mapper().readTree(EventJson.write(event));

        assertThat(json.properties()).extracting(entry -> entry.getKey()).containsExactly(
                "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo("outbox-7");
        assertThat(json.get("time").asText()).isEqualTo("2026-03-02T10:00:00.250Z");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("data").get("migrationId").asLong()).isEqualTo(7);
    }

    @Test
    void ofGeneratesAFreshIdAndTheCurrentTime() {
        Instant before = Instant.now().minusSeconds(1);
        CloudEvent<?> first = CloudEvent.of(EventTypes.ACCESS_EXPIRED, CloudEvent.BACKEND_SOURCE, "42", null);
        CloudEvent<?> second = CloudEvent.of(EventTypes.ACCESS_EXPIRED, CloudEvent.BACKEND_SOURCE, "42", null);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.time()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(first.withId("fixed").id()).isEqualTo("fixed");
        assertThat(first.key()).isEqualTo("42");
    }

    @Test
    void unknownTypeYieldsAnEnvelopeWithRawData() throws EventFormatException {
        CloudEvent<?> event = EventJson.read(UNKNOWN);

        assertThat(event.type()).isEqualTo("dev.larder.cache.flushed.v1");
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.subject()).isEqualTo("42");
        assertThat(event.data()).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) event.data()).get("keys").asInt()).isEqualTo(17);
        assertThat(EventTypes.isKnown(event.type())).isFalse();
    }

    @Test
    void unknownFieldsInEnvelopeAndDataAreIgnored() throws Exception {
        CloudEvent<MigrationStarted> original = CloudEvent.of(CloudEvent.BACKEND_SOURCE, "42",
                new MigrationStarted("c-1", 7, 42, List.of("a"), List.of("3")));
        ObjectNode json = EventJson.mapper().valueToTree(original);
        json.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ((ObjectNode) json.get("data")).put("addedInALaterRelease", true);

        CloudEvent<MigrationStarted> read = EventJson.read(json.toString(), MigrationStarted.class);

        assertThat(read).isEqualTo(original);
    }

    @Test
    void timeWithAnOffsetIsReadAsTheSameInstant() throws EventFormatException {
        String json = UNKNOWN.replace("2026-03-02T10:00:00Z", "2026-03-02T12:00:00+02:00");

        assertThat(EventJson.read(json).time()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void malformedJsonIsAClearException() {
        assertThatThrownBy(() -> EventJson.read("{\"specversion\":\"1.0\", \"id\": "))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> EventJson.read(""))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> EventJson.read("[1,2]"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("JSON object");
    }

    @Test
    void missingRequiredAttributeIsAClearException() {
        assertThatThrownBy(() -> EventJson.read(UNKNOWN.replace("\"id\":\"e-1\",", "")))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("missing CloudEvent attribute 'id'");
        assertThatThrownBy(() -> EventJson.read(UNKNOWN.replace("\"1.0\"", "\"0.3\"")))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("specversion");
        assertThatThrownBy(() -> EventJson.read(UNKNOWN.replace("2026-03-02T10:00:00Z", "yesterday")))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'time'");
    }

    @Test
    void knownTypeWithDataThatDoesNotFitIsAClearException() {
        String json = UNKNOWN.replace("dev.larder.cache.flushed.v1", EventTypes.MIGRATION_STARTED)
                .replace("{\"keys\":17,", "{\"migrationId\":\"seven\",");

        assertThatThrownBy(() -> EventJson.read(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("e-1")
                .hasMessageContaining(EventTypes.MIGRATION_STARTED)
                .hasMessageContaining("MigrationStarted");
    }

    @Test
    void typedReadRejectsAnotherType() {
        assertThatThrownBy(() -> EventJson.read(UNKNOWN, MigrationStarted.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("MigrationStarted");
    }

    @Test
    void nullFieldsAreLeftOut() throws Exception {
        MigrationFailed failed = new MigrationFailed("c-1", null, null, MigrationFailed.Stage.VALIDATION, null, null,
                null, null, null, List.of(), null, List.of());

        JsonNode data = EventJson.mapper().readTree(EventJson.write(
                CloudEvent.of(CloudEvent.BACKEND_SOURCE, "orders/orders_db/prod", failed))).get("data");

        assertThat(data.has("migrationId")).isFalse();
        assertThat(data.has("datastoreId")).isFalse();
        assertThat(data.get("stage").asText()).isEqualTo("validation");
    }

    @Test
    void finalIsWrittenUnderItsContractName() throws Exception {
        ApprovalDecided decided = new ApprovalDecided(1, ApprovalSubjectType.ACCESS, 2, 3, ApprovalDecision.REJECTED,
                "sam@example.com", "not needed", 0, 1, true);

        JsonNode data = EventJson.mapper().readTree(EventJson.write(
                CloudEvent.of(CloudEvent.BACKEND_SOURCE, "3", decided))).get("data");

        assertThat(data.get("final").asBoolean()).isTrue();
        assertThat(data.has("isFinal")).isFalse();
        assertThat(data.get("decision").asText()).isEqualTo("rejected");
        assertThat(data.get("subjectType").asText()).isEqualTo("access");
    }

    @Test
    void datastoreRefKeyIsTheIdOrServiceNameEnvironment() throws Exception {
        assertThat(DatastoreRef.byId(42).key()).isEqualTo("42");
        assertThat(DatastoreRef.byName("orders", "orders_db", "prod").key()).isEqualTo("orders/orders_db/prod");

        JsonNode ref = EventJson.mapper().valueToTree(DatastoreRef.byId(42));
        assertThat(ref.properties()).extracting(entry -> entry.getKey()).containsExactly("id");

        MigrationRequested command = Samples.migrationRequested();
        assertThat(CloudEvent.of(CloudEvent.BACKEND_SOURCE, command.datastore().key(), command).key())
                .isEqualTo("orders/orders_db/prod");
    }
}
