package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import dev.larder.events.migration.MigrationStarted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerWatcherTest {

    private final AnswerWatcher watcher = new AnswerWatcher("orders-ci-run-4711");

    @Test
    void answersWithTheSucceededOrFailedEventOfItsCommand() throws Exception {
        assertThat(watcher.onEvent(bytes(ReportTest.example("migration-succeeded.json"))))
                .isInstanceOfSatisfying(AnswerWatcher.Answered.class, a -> assertThat(a.outcome().succeeded()).isTrue());
        String failed = ReportTest.example("migration-failed.json");
        assertThat(watcher.onEvent(bytes(failed)))
                .isInstanceOfSatisfying(AnswerWatcher.Answered.class, a -> {
                    assertThat(a.outcome().succeeded()).isFalse();
                    assertThat(a.outcome().json()).isEqualTo(failed);
                });
    }

    @Test
    void reportsStartedButKeepsWaiting() throws Exception {
        assertThat(watcher.onEvent(bytes(ReportTest.example("migration-started.json"))))
                .isInstanceOfSatisfying(AnswerWatcher.Started.class, s -> assertThat(Report.started(s.started()))
                        .isEqualTo("Migration 917 started on clusters mysql-prod-eu-west-1, mysql-prod-us-east-1"
                                + " (versions 3, 4)"));
    }

    @Test
    void ignoresOtherCommandsOtherTypesUnknownTypesAndJunk() throws Exception {
        AnswerWatcher other = new AnswerWatcher("someone-else");
        assertThat(other.onEvent(bytes(ReportTest.example("migration-succeeded.json"))))
                .isInstanceOf(AnswerWatcher.Ignored.class);
        String unknownType = """
                {"specversion":"1.0","id":"1","source":"/larder/backend","type":"dev.larder.migration.rolledback.v9",
                 "subject":"42","data":{"commandId":"orders-ci-run-4711"}}""";
        assertThat(watcher.onEvent(bytes(unknownType))).isInstanceOf(AnswerWatcher.Ignored.class);
        String otherKnownType = """
                {"specversion":"1.0","id":"2","source":"/larder/backend","type":"dev.larder.datachange.failed.v1",
                 "subject":"42","data":{"commandId":"orders-ci-run-4711"}}""";
        assertThat(watcher.onEvent(bytes(otherKnownType))).isInstanceOf(AnswerWatcher.Ignored.class);
        assertThat(watcher.onEvent(bytes("not json {"))).isInstanceOf(AnswerWatcher.Ignored.class);
        assertThat(watcher.onEvent(bytes("[1,2]"))).isInstanceOf(AnswerWatcher.Ignored.class);
        assertThat(watcher.onEvent(null)).isInstanceOf(AnswerWatcher.Ignored.class);
        assertThat(watcher.onEvent(new byte[] {(byte) 0xff, 0x00})).isInstanceOf(AnswerWatcher.Ignored.class);
    }

    @Test
    void flagsItsOwnAnswerWhenItDoesNotFitTheContract() {
        String broken = """
                {"specversion":"1.0","id":"3","source":"/larder/backend","type":"dev.larder.migration.succeeded.v1",
                 "subject":"42","data":{"commandId":"orders-ci-run-4711","migrationId":"not a number"}}""";
        assertThat(watcher.onEvent(bytes(broken))).isInstanceOf(AnswerWatcher.Unreadable.class);
    }

    @Test
    void recognisesItsOwnCommandOnTheDeadLetterTopic() {
        MigrationRequested data = new MigrationRequested("orders-ci-run-4711", DatastoreRef.byId(42),
                List.of(new MigrationFileSpec("V1__a.sql", BundlePacker.sha256Hex("abc"), "abc")), "a@b.co", null);
        byte[] own = EventJson.writeBytes(CloudEvent.of("/ci/cli", "42", data));
        assertThat(watcher.isOwnCommand(own)).isTrue();
        assertThat(new AnswerWatcher("other").isOwnCommand(own)).isFalse();
        assertThat(watcher.isOwnCommand(bytes("junk"))).isFalse();
        assertThat(watcher.isOwnCommand(EventJson.writeBytes(CloudEvent.of("/larder/backend", "42",
                new MigrationStarted("orders-ci-run-4711", 1, 42, List.of(), List.of()))))).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
