package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import dev.larder.events.common.Severity;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationSucceeded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final String PARTIAL_STATE = "mysql-prod-eu-west-1 is at version 4; mysql-prod-us-east-1 is at"
            + " version 3. Fix V4 and resend, or run repair on migration 917 to bring the clusters back in step.";

    @Test
    void rendersTheContractsSucceededExample() throws Exception {
        Outcome outcome = answer(example("migration-succeeded.json"), "orders-ci-run-4711");

        assertThat(outcome.exitCode()).isZero();
        assertThat(Report.text(outcome)).isEqualTo("""
                WARNING  mysql.nullable-column  V4__add_refund_reason.sql:1  New column 'reason' is nullable; \
                make it NOT NULL with a default if every row should have one.
                Migration 917 succeeded on mysql-prod-eu-west-1, mysql-prod-us-east-1: applied V3, V4 in 7567 ms
                """);
    }

    @Test
    void rendersAnApplyFailureWithFindingsAndThePartialState() {
        MigrationFailed failed = new MigrationFailed("ci-1", 917L, 42L, MigrationFailed.Stage.APPLY,
                "mysql-prod-us-east-1", "4", "V4__add_refund_reason.sql",
                "ALTER TABLE refund ADD COLUMN reason VARCHAR(200) NULL", "(conn=8812) Duplicate column name 'reason'",
                List.of(new Finding("mysql.nullable-column", Severity.WARNING, "V4__add_refund_reason.sql", 1,
                        null, "New column 'reason' is nullable.")),
                PARTIAL_STATE,
                List.of(new ClusterResult("mysql-prod-eu-west-1", List.of("3", "4"), 3120),
                        new ClusterResult("mysql-prod-us-east-1", List.of("3"), 1240)));

        Outcome outcome = answer(EventJson.write(CloudEvent.of(CloudEvent.BACKEND_SOURCE, "42", failed)), "ci-1");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(Report.text(outcome)).isEqualTo("""
                WARNING  mysql.nullable-column  V4__add_refund_reason.sql:1  New column 'reason' is nullable.
                Migration 917 FAILED at stage apply
                  cluster:   mysql-prod-us-east-1
                  file:      V4__add_refund_reason.sql
                  version:   4
                  statement: ALTER TABLE refund ADD COLUMN reason VARCHAR(200) NULL
                  error:     (conn=8812) Duplicate column name 'reason'
                  findings:  1 (0 blocking), listed above
                  applied:   mysql-prod-eu-west-1: V3, V4 (3120 ms)
                             mysql-prod-us-east-1: V3 (1240 ms)
                  state:     mysql-prod-eu-west-1 is at version 4; mysql-prod-us-east-1 is at version 3. Fix V4 \
                and resend, or run repair on migration 917 to bring the clusters back in step.
                """);
    }

    @Test
    void rendersALintRejectionFindingByFinding() {
        MigrationFailed failed = new MigrationFailed("ci-2", null, 42L, MigrationFailed.Stage.LINT, null, null, null,
                null, null,
                List.of(new Finding("tenant.qualified-name", Severity.ERROR, "V2__x.sql", 3, "DROP TABLE other.t",
                                "Statements may not name another schema ('other')."),
                        new Finding("mysql.drop-table", Severity.ERROR, "V2__x.sql", null, null,
                                "Dropping a table loses its data;\nrename it first."),
                        new Finding("bundle.note", Severity.INFO, null, null, null, "Two files.")),
                null, null);

        Outcome outcome = answer(EventJson.write(CloudEvent.of(CloudEvent.BACKEND_SOURCE, "42", failed)), "ci-2");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(Report.text(outcome)).isEqualTo("""
                ERROR  tenant.qualified-name  V2__x.sql:3  Statements may not name another schema ('other').
                ERROR  mysql.drop-table  V2__x.sql  Dropping a table loses its data; rename it first.
                INFO  bundle.note  -  Two files.
                Migration FAILED at stage lint (command ci-2; refused before a migration was recorded)
                  findings:  3 (2 blocking), listed above
                """);
    }

    @Test
    void cutsLongStatementsVisiblyAndIndentsMultiLineOnes() {
        String longStatement = "INSERT INTO t VALUES " + "(1),".repeat(300);
        Outcome cut = failure(longStatement);
        String statementLine = Report.lines(cut).stream().filter(l -> l.startsWith("  statement:")).findFirst()
                .orElseThrow();
        assertThat(statementLine).startsWith("  statement: " + longStatement.substring(0, 300) + " … [truncated: "
                + longStatement.length() + " characters in all]");

        Outcome multiLine = failure("CREATE TABLE t (\n  id INT\n)");
        assertThat(Report.text(multiLine)).contains("""
                  statement: CREATE TABLE t (
                               id INT
                             )
                """);
    }

    @Test
    void rendersTheRestMigrationResourceTheSameWay() throws Exception {
        String json = """
                {"id": 917, "datastoreId": 42, "commandId": "ci-3", "state": "FAILED", "stage": "shadow",
                 "applied": [], "findings": [],
                 "failure": {"stage": "shadow", "cluster": "shadow", "version": "5", "file": "V5__idx.sql",
                             "statement": "CREATE INDEX i ON t (missing)", "serverError": "Key column 'missing' doesn't exist",
                             "partialState": "No cluster was changed."},
                 "clusters": [], "createdAt": "2026-03-02T14:05:11Z"}
                """;
        Outcome failed = Outcome.ofMigration(EventJson.mapper().readTree(json), json);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(Report.text(failed)).isEqualTo("""
                Migration 917 FAILED at stage shadow
                  cluster:   shadow
                  file:      V5__idx.sql
                  version:   5
                  statement: CREATE INDEX i ON t (missing)
                  error:     Key column 'missing' doesn't exist
                  state:     No cluster was changed.
                """);

        String ok = """
                {"id": 918, "datastoreId": 42, "commandId": "ci-4", "state": "SUCCEEDED", "applied": ["5"],
                 "findings": [], "clusters": [{"cluster": "mysql-dev", "versionsApplied": ["5"], "durationMs": 80}],
                 "startedAt": "2026-03-02T14:05:11Z", "finishedAt": "2026-03-02T14:05:11.250Z"}
                """;
        Outcome succeeded = Outcome.ofMigration(EventJson.mapper().readTree(ok), ok);
        assertThat(succeeded.exitCode()).isZero();
        assertThat(Report.text(succeeded)).isEqualTo("Migration 918 succeeded on mysql-dev: applied V5 in 250 ms\n");
    }

    @Test
    void saysSoWhenNothingWasLeftToApply() {
        Outcome outcome = Outcome.succeeded(new MigrationSucceeded("ci-5", 7, 42, List.of(),
                List.of(new ClusterResult("mysql-dev", List.of(), 12)), List.of(), 30), "{}");
        assertThat(Report.text(outcome)).isEqualTo(
                "Migration 7 succeeded on mysql-dev: nothing new to apply, every version was already applied (30 ms)\n");
    }

    private static Outcome failure(String statement) {
        return Outcome.failed(new MigrationFailed("ci-6", 1L, 42L, MigrationFailed.Stage.APPLY, "c", "1", "V1__a.sql",
                statement, "boom", List.of(), null, List.of()), "{}");
    }

    private static Outcome answer(String json, String commandId) {
        AnswerWatcher.Seen seen = new AnswerWatcher(commandId).onEvent(json.getBytes(StandardCharsets.UTF_8));
        assertThat(seen).isInstanceOf(AnswerWatcher.Answered.class);
        return ((AnswerWatcher.Answered) seen).outcome();
    }

    static String example(String name) throws IOException {
        try (InputStream in = ReportTest.class.getClassLoader()
                .getResourceAsStream("schemas/migration/v1/examples/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
