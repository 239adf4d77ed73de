package dev.larder.events;

import dev.larder.events.access.AccessExpired;
import dev.larder.events.access.AccessExpiring;
import dev.larder.events.access.AccessGranted;
import dev.larder.events.access.AccessLevel;
import dev.larder.events.access.AccessRevoked;
import dev.larder.events.approval.ApprovalDecided;
import dev.larder.events.approval.ApprovalDecision;
import dev.larder.events.approval.ApprovalRequested;
import dev.larder.events.approval.ApprovalSubjectType;
import dev.larder.events.common.CiDetails;
import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.common.Finding;
import dev.larder.events.common.Severity;
import dev.larder.events.datachange.DataChangeExecuted;
import dev.larder.events.datachange.DataChangeFailed;
import dev.larder.events.datachange.DataChangeRequested;
import dev.larder.events.datachange.DataChangeRolledBack;
import dev.larder.events.datastore.DatastoreDecommissioned;
import dev.larder.events.datastore.DatastoreProvisioned;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import dev.larder.events.migration.MigrationStarted;
import dev.larder.events.migration.MigrationSucceeded;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One data record per type, built in Java the way the backend would build it. */
final class Samples {

    static final Instant EXPIRES = Instant.parse("2026-03-02T18:00:00Z");
    static final String SQL = "CREATE TABLE refund (id BIGINT PRIMARY KEY);\n";
    static final String SQL_SHA256 = sha256(SQL);

    private Samples() {
    }

    static MigrationRequested migrationRequested() {
        return new MigrationRequested("ci-run-1",
                DatastoreRef.byName("orders", "orders_db", "prod"),
                List.of(new MigrationFileSpec("V3__create_refund.sql", SQL_SHA256, SQL)),
                "jane.doe@example.com",
                new CiDetails("github-actions", "https://ci.example.com/runs/1", "9f2c1e07"));
    }

    /** Minimal forms too, so optional fields left out (and nulls dropped by NON_NULL) are checked as well. */
    static Map<String, List<Object>> byType() {
        Finding warning = new Finding("mysql.nullable-column", Severity.WARNING, "V4__x.sql", 1,
                "ALTER TABLE t ADD COLUMN c INT NULL", "make it NOT NULL");
        Finding error = new Finding("mysql.drop-table", Severity.ERROR, null, null, null, "DROP TABLE is not allowed");
        ClusterResult eu = new ClusterResult("mysql-prod-eu", List.of("3", "4"), 3120);
        ClusterResult us = new ClusterResult("mysql-prod-us", List.of("3"), 1200);

        Map<String, List<Object>> samples = new LinkedHashMap<>();
        samples.put(EventTypes.MIGRATION_REQUESTED, List.of(
                migrationRequested(),
                new MigrationRequested("ci-run-2", DatastoreRef.byId(42),
                        List.of(new MigrationFileSpec("V1.1__init.sql", SQL_SHA256, SQL)), "user:default/jane", null)));
        samples.put(EventTypes.DATACHANGE_REQUESTED, List.of(
                new DataChangeRequested("fix-1", DatastoreRef.byId(42), List.of("UPDATE t SET a = 1 WHERE id = 2"),
                        "stuck order after outage", "ORD-1", "jane.doe@example.com"),
                new DataChangeRequested("fix-2", DatastoreRef.byName("orders", "orders_db", "dev"),
                        List.of("DELETE FROM t WHERE id = 3"), "duplicate row from retry", null, "user:jane")));
        samples.put(EventTypes.MIGRATION_STARTED, List.of(
                new MigrationStarted("ci-run-1", 917, 42, List.of("mysql-prod-eu", "mysql-prod-us"), List.of("3", "4"))));
        samples.put(EventTypes.MIGRATION_SUCCEEDED, List.of(
                new MigrationSucceeded("ci-run-1", 917, 42, List.of("3", "4"), List.of(eu), List.of(warning), 3200),
                new MigrationSucceeded("ci-run-1", 917, 42, List.of(), List.of(), null, 10)));
        samples.put(EventTypes.MIGRATION_FAILED, List.of(
                new MigrationFailed("ci-run-1", 917L, 42L, MigrationFailed.Stage.APPLY, "mysql-prod-us", "4",
                        "V4__x.sql", "ALTER TABLE t ADD COLUMN c INT", "Duplicate column name 'c'", List.of(),
                        "mysql-prod-eu at 4, mysql-prod-us at 3; repair is available", List.of(eu, us)),
                new MigrationFailed("ci-run-1", null, null, MigrationFailed.Stage.LINT, null, null, null, null, null,
                        List.of(error), null, null)));
        samples.put(EventTypes.DATASTORE_PROVISIONED, List.of(
                new DatastoreProvisioned(42, "mysql", "orders", "checkout", "orders_db", "prod", "orders_orders_db")));
        samples.put(EventTypes.DATASTORE_DECOMMISSIONED, List.of(
                new DatastoreDecommissioned(57, "redis", "basket", "checkout", "sessions", "staging", EXPIRES)));
        samples.put(EventTypes.APPROVAL_REQUESTED, List.of(
                new ApprovalRequested(301, ApprovalSubjectType.DATACHANGE, 88, 42, "prod", "jane.doe@example.com",
                        "UPDATE orders (1 statement)", 2, List.of("group:default/checkout"), EXPIRES)));
        samples.put(EventTypes.APPROVAL_DECIDED, List.of(
                new ApprovalDecided(301, ApprovalSubjectType.DATACHANGE, 88, 42, ApprovalDecision.APPROVED,
                        "sam.lee@example.com", null, 1, 2, false),
                new ApprovalDecided(302, ApprovalSubjectType.ACCESS, 612, 42, ApprovalDecision.EXPIRED,
                        null, null, 0, 1, true)));
        samples.put(EventTypes.DATACHANGE_EXECUTED, List.of(
                new DataChangeExecuted(88, 42, "jane.doe@example.com", List.of(2L, 0L), 41)));
        samples.put(EventTypes.DATACHANGE_FAILED, List.of(
                new DataChangeFailed(89, 42, "Guard stopped the change", "UPDATE t SET a = 1"),
                new DataChangeFailed(89, 42, "Lock wait timeout", null)));
        samples.put(EventTypes.DATACHANGE_ROLLEDBACK, List.of(
                new DataChangeRolledBack(90, 42, 88, List.of(2L))));
        samples.put(EventTypes.ACCESS_GRANTED, List.of(
                new AccessGranted(612, 42, "jane.doe@example.com", AccessLevel.WRITE, EXPIRES,
                        "https://larder.example.com/access/612/reveal", true)));
        samples.put(EventTypes.ACCESS_EXPIRING, List.of(
                new AccessExpiring(612, 42, "jane.doe@example.com", EXPIRES)));
        samples.put(EventTypes.ACCESS_REVOKED, List.of(
                new AccessRevoked(612, 42, "user:default/jane", "larder", null)));
        samples.put(EventTypes.ACCESS_EXPIRED, List.of(
                new AccessExpired(612, 42, "jane.doe@example.com")));
        return samples;
    }

    /** The subject a producer would give: the datastore id, or the command's datastore key. */
    static String subjectOf(Object data) {
        if (data instanceof MigrationRequested m) {
            return m.datastore().key();
        }
        if (data instanceof DataChangeRequested d) {
            return d.datastore().key();
        }
        try {
            Object id = data.getClass().getMethod("datastoreId").invoke(data);
            return id == null ? "orders/orders_db/prod" : id.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
