package dev.larder.backend.migration.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.json.StoredJson;
import dev.larder.backend.common.web.RequestMetadata;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.MigrationFailure;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.migration.domain.Migration;
import dev.larder.backend.migration.domain.MigrationFileRecord;
import dev.larder.backend.migration.domain.MigrationState;
import dev.larder.backend.migration.repository.MigrationFileRepository;
import dev.larder.backend.migration.repository.MigrationRepository;
import dev.larder.backend.migration.service.MigrationViews.Failure;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.security.Caller;
import dev.larder.events.CloudEvent;
import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.Finding;
import dev.larder.events.common.Severity;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationStarted;
import dev.larder.events.migration.MigrationSucceeded;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs one migration: lint against the datastore's history, shadow run, then Flyway on every cluster of the
 * datastore in order, stopping at the first failure. Each state change commits with its audit record and its event
 * (outbox). Holds the datastore's migration lock throughout, so one datastore's migrations never overlap.
 */
@ApplicationScoped
public class MigrationRunner {

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);

    @Inject
    MigrationRepository migrations;

    @Inject
    MigrationFileRepository files;

    @Inject
    DatastoreTargets targets;

    @Inject
    DatastoreLocks locks;

    @Inject
    MigrationGate gate;

    @Inject
    MigrationConfig config;

    @Inject
    Outbox outbox;

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    @Inject
    RequestMetadata request;

    @Inject
    MigrationApprovals approvals;

    private record Plan(Migration migration, List<MigrationScript> scripts, List<String> pending,
            List<Finding> warnings) {
    }

    @ActivateRequestContext
    public void run(long migrationId) {
        Migration snapshot = QuarkusTransaction.requiringNew().call(() -> migrations.findById(migrationId));
        caller.actAsSystem(snapshot.requestedBy);
        request.channel(snapshot.channel);
        Target target = targets.target(snapshot.datastoreId);
        try (DatastoreLocks.Held lock = locks.acquire(snapshot.datastoreId, config.lockTimeout())) {
            Plan plan = QuarkusTransaction.requiringNew().call(() -> prepare(migrationId, target));
            if (plan == null) {
                return;
            }
            execute(plan, target);
        } catch (DatastoreLocks.Busy e) {
            QuarkusTransaction.requiringNew().run(() -> fail(migrationId, MigrationFailed.Stage.VALIDATION,
                    new Failure("validation", null, null, null, null, e.getMessage(), null), List.of(), List.of()));
        }
    }

    /** The datastore's migration lock, for work that must not overlap a migration (repair). */
    public DatastoreLocks.Held lock(long datastoreId) {
        return locks.acquire(datastoreId, config.lockTimeout());
    }

    private Plan prepare(long migrationId, Target target) {
        Migration migration = migrations.findById(migrationId);
        if (migration.state != MigrationState.PENDING) {
            return null;
        }
        if (target.state() != DatastoreState.READY) {
            fail(migrationId, MigrationFailed.Stage.VALIDATION, new Failure("validation", null, null, null, null,
                    "datastore " + target.datastoreId() + " is " + target.state() + ", not READY", null),
                    List.of(), List.of());
            return null;
        }
        List<MigrationFileRecord> history = files.applied(migration.datastoreId);
        List<MigrationFileRecord> bundle = files.ofMigration(migrationId);
        Map<String, String> appliedSha = new LinkedHashMap<>();
        history.forEach(file -> appliedSha.put(file.version, file.sha256));

        List<Finding> findings = gate.lint(target, bundle, appliedSha, history);
        migration.findings = json(findings);
        List<Finding> blocking = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        boolean onlyDestructive = config.destructiveApproval() && !blocking.isEmpty()
                && blocking.stream().allMatch(f -> MigrationGate.destructive(f.ruleId()));
        if (onlyDestructive && migration.approvedAt == null) {
            approvals.awaitApproval(migration, target, bundle, blocking);
            return null;
        }
        if (gate.blocked(findings) && !onlyDestructive) {
            fail(migrationId, MigrationFailed.Stage.LINT, new Failure("lint", null, null, null, null,
                    "the bundle broke " + findings.stream().filter(f -> f.severity() == Severity.ERROR).count()
                            + " lint rule(s) that block in " + target.environment(), null), findings, List.of());
            return null;
        }
        // Flyway gets the whole history plus the new files; it applies what each cluster lacks.
        Map<String, MigrationScript> scripts = new LinkedHashMap<>();
        history.forEach(file -> scripts.put(file.version, script(file)));
        List<String> pending = new ArrayList<>();
        for (MigrationFileRecord file : bundle) {
            if (!appliedSha.containsKey(file.version)) {
                scripts.put(file.version, script(file));
                pending.add(file.version);
            }
        }
        migration.state = MigrationState.RUNNING;
        migration.startedAt = Instant.now();
        List<String> clusterNames = target.clusters().stream().map(ClusterEndpoint::name).toList();
        audit.record("migration.started", "datastore", migration.datastoreId,
                Map.of("migration", migrationId, "versions", pending, "clusters", clusterNames));
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(migration.datastoreId),
                new MigrationStarted(migration.commandId, migrationId, migration.datastoreId, clusterNames, pending))
                .withId("migration/" + migrationId + "/started"));
        // Approved destructive findings are reported with the outcome like warnings.
        List<Finding> warnings = findings.stream().filter(f -> f.severity() != Severity.ERROR || onlyDestructive)
                .toList();
        return new Plan(migration, List.copyOf(scripts.values()), pending, warnings);
    }

    private void execute(Plan plan, Target target) {
        long migrationId = plan.migration().id;
        long start = System.nanoTime();
        if (config.shadowRun() && !plan.pending().isEmpty()) {
            try {
                target.engine().shadowRun(target.clusters().get(0), target.tenant(), plan.scripts());
            } catch (MigrationFailure e) {
                QuarkusTransaction.requiringNew().run(() -> fail(migrationId, MigrationFailed.Stage.SHADOW,
                        failure("shadow", target.clusters().get(0).name(), e, null), plan.warnings(), List.of()));
                return;
            } catch (EngineException e) {
                QuarkusTransaction.requiringNew().run(() -> fail(migrationId, MigrationFailed.Stage.SHADOW,
                        new Failure("shadow", target.clusters().get(0).name(), null, null, null, e.getMessage(), null),
                        plan.warnings(), List.of()));
                return;
            }
        }
        List<ClusterResult> results = new ArrayList<>();
        for (ClusterEndpoint cluster : target.clusters()) {
            try {
                MigrationOutcome outcome = target.engine().migrate(cluster, target.tenant(), target.password(),
                        plan.scripts());
                results.add(new ClusterResult(cluster.name(), outcome.versionsApplied(), outcome.durationMs()));
            } catch (MigrationFailure e) {
                String partial = partialState(target, results, cluster, e);
                QuarkusTransaction.requiringNew().run(() -> fail(migrationId, MigrationFailed.Stage.APPLY,
                        failure("apply", cluster.name(), e, partial), plan.warnings(), results));
                return;
            } catch (EngineException e) {
                String partial = partialState(target, results, cluster, null);
                QuarkusTransaction.requiringNew().run(() -> fail(migrationId, MigrationFailed.Stage.APPLY,
                        new Failure("apply", cluster.name(), null, null, null, e.getMessage(), partial),
                        plan.warnings(), results));
                return;
            }
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        QuarkusTransaction.requiringNew().run(() -> succeed(migrationId, plan, results, durationMs));
    }

    private void succeed(long migrationId, Plan plan, List<ClusterResult> results, long durationMs) {
        Migration migration = migrations.findById(migrationId);
        Instant now = Instant.now();
        Set<String> pending = Set.copyOf(plan.pending());
        for (MigrationFileRecord file : files.ofMigration(migrationId)) {
            if (pending.contains(file.version)) {
                file.appliedAt = now;
            }
        }
        migration.state = MigrationState.SUCCEEDED;
        migration.applied = json(plan.pending());
        migration.clusterResults = json(results);
        migration.finishedAt = now;
        audit.record("migration.succeeded", "datastore", migration.datastoreId, Map.of("migration", migrationId,
                "applied", plan.pending(), "durationMs", durationMs));
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(migration.datastoreId),
                new MigrationSucceeded(migration.commandId, migrationId, migration.datastoreId, plan.pending(), results,
                        plan.warnings(), durationMs))
                .withId("migration/" + migrationId + "/succeeded"));
        LOG.infof("Migration %d of datastore %d succeeded: %s", migrationId, migration.datastoreId, plan.pending());
    }

    /** Marks the migration FAILED and publishes MigrationFailed. Runs inside the caller's transaction. */
    void fail(long migrationId, MigrationFailed.Stage stage, Failure failure, List<Finding> findings,
            List<ClusterResult> results) {
        Migration migration = migrations.findById(migrationId);
        migration.state = MigrationState.FAILED;
        migration.stage = failure.stage();
        migration.failure = json(failure);
        if (!findings.isEmpty()) {
            migration.findings = json(findings);
        }
        migration.clusterResults = json(results);
        migration.finishedAt = Instant.now();
        Map<String, Object> details = new HashMap<>();
        details.put("migration", migrationId);
        details.put("stage", failure.stage());
        details.put("reason", failure.serverError() == null ? "" : failure.serverError());
        if (failure.cluster() != null) {
            details.put("cluster", failure.cluster());
        }
        audit.record("migration.failed", "datastore", migration.datastoreId, details);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(migration.datastoreId),
                new MigrationFailed(migration.commandId, migrationId, migration.datastoreId, stage, failure.cluster(),
                        failure.version(), failure.file(), failure.statement(), failure.serverError(), findings,
                        failure.partialState(), results))
                .withId("migration/" + migrationId + "/failed"));
        LOG.infof("Migration %d of datastore %d failed at %s: %s", migrationId, migration.datastoreId,
                failure.stage(), failure.serverError());
    }

    private static Failure failure(String stage, String cluster, MigrationFailure e, String partialState) {
        return new Failure(stage, cluster, e.version(), e.file(), e.statement(), e.serverError(), partialState);
    }

    private static String partialState(Target target, List<ClusterResult> done, ClusterEndpoint failed,
            MigrationFailure e) {
        StringBuilder text = new StringBuilder();
        for (ClusterResult result : done) {
            text.append("Cluster ").append(result.cluster()).append(" is migrated (applied ")
                    .append(result.versionsApplied().isEmpty() ? "nothing new" : String.join(", ",
                            result.versionsApplied())).append("). ");
        }
        text.append("Cluster ").append(failed.name()).append(" stopped");
        if (e != null && e.file() != null) {
            text.append(" in ").append(e.file());
            if (!e.appliedBefore().isEmpty()) {
                text.append(" after applying ").append(String.join(", ", e.appliedBefore()));
            }
            if (e.partial()) {
                text.append("; the file ran DDL, which MySQL does not roll back, so its statements before the"
                        + " failing one may have taken effect");
            }
        }
        text.append(". Clusters after it were not touched. Fix the file, check the schema, then POST /api/v1/datastores/")
                .append(target.datastoreId()).append("/migrations/repair and submit the bundle again.");
        return text.toString();
    }

    static MigrationScript script(MigrationFileRecord file) {
        int split = file.fileName.indexOf("__");
        String description = file.fileName.substring(split + 2, file.fileName.lastIndexOf('.'));
        return new MigrationScript(file.version, description, file.fileName, file.content);
    }

    static String json(Object value) {
        return StoredJson.write(value);
    }

    static <T> T read(String json, TypeReference<T> type) {
        return StoredJson.read(json, type);
    }

}
