package dev.larder.backend.migration.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.concurrent.DaemonPool;
import dev.larder.backend.common.concurrent.DaemonPool;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.error.Violation;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.migration.domain.Migration;
import dev.larder.backend.migration.domain.MigrationFileRecord;
import dev.larder.backend.migration.domain.MigrationState;
import dev.larder.backend.migration.repository.MigrationFileRepository;
import dev.larder.backend.migration.repository.MigrationRepository;
import dev.larder.backend.migration.service.MigrationViews.Ci;
import dev.larder.backend.migration.service.MigrationViews.ClusterRepair;
import dev.larder.backend.migration.service.MigrationViews.Failure;
import dev.larder.backend.migration.service.MigrationViews.FileUpload;
import dev.larder.backend.migration.service.MigrationViews.LintRequest;
import dev.larder.backend.migration.service.MigrationViews.LintResult;
import dev.larder.backend.migration.service.MigrationViews.MigrationView;
import dev.larder.backend.migration.service.MigrationViews.NewMigration;
import dev.larder.backend.migration.service.MigrationViews.RepairResult;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.security.Caller;
import dev.larder.events.CloudEvent;
import dev.larder.events.common.ClusterResult;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.common.Finding;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationRequested;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Receives migration bundles (a Kafka command or the REST API), checks them, records them and hands them to the
 * runner. A command id seen before is answered again with the same event, never applied twice.
 */
@ApplicationScoped
public class MigrationService {

    private static final Logger LOG = Logger.getLogger(MigrationService.class);
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** A command that cannot be acted on at all; the consumer sends it to the dead-letter topic with this reason. */
    public static class UnusableCommand extends RuntimeException {
        public UnusableCommand(String reason) {
            super(reason, null, false, false);
        }
    }

    @Inject
    MigrationRepository migrations;

    @Inject
    MigrationFileRepository files;

    @Inject
    MigrationRunner runner;

    @Inject
    MigrationGate gate;

    @Inject
    DatastoreTargets targets;

    @Inject
    MigrationConfig config;

    @Inject
    Outbox outbox;

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    private ExecutorService restRuns;

    private synchronized ExecutorService restRuns() {
        if (restRuns == null) {
            restRuns = DaemonPool.of("larder-migration-rest", config.restConcurrency());
        }
        return restRuns;
    }

    @PreDestroy
    void shutdown() {
        if (restRuns != null) {
            restRuns.shutdownNow();
        }
    }

    /** The Kafka path: runs the command to the end in the calling (consumer) thread. */
    public void handle(CloudEvent<MigrationRequested> command) {
        MigrationRequested data = command.data();
        long datastoreId = resolve(data.datastore());
        caller.actAsSystem(data.requestedBy());
        Ci ci = data.ci() == null ? null : new Ci(data.ci().system(), data.ci().runUrl(), data.ci().commit());
        List<FileUpload> uploads = data.files().stream()
                .map(file -> new FileUpload(file.name(), file.content(), file.sha256())).toList();
        Long migrationId = record(datastoreId, data.commandId(), uploads, data.requestedBy(), ci, "kafka", true);
        if (migrationId != null) {
            runner.run(migrationId);
        }
    }

    /** The REST path: records the bundle and runs it in the background; poll GET for the outcome. */
    public MigrationView submit(long datastoreId, NewMigration request) {
        Target target = targets.target(datastoreId);
        targets.requireOwner(target, "migrate it");
        if (request.files() == null || request.files().isEmpty()) {
            throw ProblemException.invalid("files", "required", "a bundle needs at least one file");
        }
        String commandId = request.commandId() == null ? "api-" + UUID.randomUUID() : request.commandId();
        if (!COMMAND_ID.matcher(commandId).matches()) {
            throw ProblemException.invalid("commandId", "pattern", "must match " + COMMAND_ID.pattern());
        }
        Optional<String> extension = target.engine().migrationExtension();
        if (extension.isEmpty()) {
            throw ProblemException.unprocessable(target.engine().kind().label() + " datastores have no schema"
                    + " migrations.");
        }
        List<Violation> problems = check(request.files(), false, extension);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        // A person acting through Backstage is already the caller; a machine names whom it submits for.
        String requestedBy = request.requestedBy() == null || caller.via() != null ? caller.name()
                : caller.name() + " for " + request.requestedBy();
        Long migrationId = record(datastoreId, commandId, request.files(), requestedBy, request.ci(), "api", false);
        if (migrationId == null) {
            return migrations.findByCommandId(commandId).map(this::view).orElseThrow();
        }
        restRuns().submit(() -> {
            try {
                runner.run(migrationId);
            } catch (RuntimeException e) {
                LOG.errorf("Migration %d could not run: %s", migrationId, e.getMessage());
            }
        });
        return get(datastoreId, migrationId);
    }

    /**
     * Records the bundle as PENDING and returns its id, or answers a known command id again and returns null.
     * A bundle that fails validation is recorded as FAILED (stage validation) and answered: CI is waiting.
     */
    private Long record(long datastoreId, String commandId, List<FileUpload> uploads, String requestedBy, Ci ci,
            String channel, boolean answerInvalid) {
        var existing = QuarkusTransaction.requiringNew().call(() -> migrations.findByCommandId(commandId));
        if (existing.isPresent()) {
            answerAgain(existing.get());
            return null;
        }
        List<Violation> problems = check(uploads, true, targets.target(datastoreId).engine().migrationExtension());
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Migration migration = new Migration();
                migration.datastoreId = datastoreId;
                migration.commandId = commandId;
                migration.state = MigrationState.PENDING;
                migration.channel = channel;
                migration.requestedBy = requestedBy;
                if (ci != null) {
                    migration.ciSystem = ci.system();
                    migration.ciRunUrl = ci.runUrl();
                    migration.ciCommit = ci.commit();
                }
                migration.versions = MigrationRunner.json(uploads.stream()
                        .map(upload -> gate.version(upload.name())).toList());
                migration.createdAt = Instant.now();
                migrations.persist(migration);
                for (FileUpload upload : uploads) {
                    MigrationFileRecord file = new MigrationFileRecord();
                    file.migrationId = migration.id;
                    file.datastoreId = datastoreId;
                    file.version = gate.version(upload.name());
                    file.fileName = upload.name();
                    file.sha256 = upload.sha256() == null ? sha256(upload.content()) : upload.sha256();
                    file.content = upload.content() == null ? "" : upload.content();
                    files.persist(file);
                }
                audit.record("migration.requested", "datastore", datastoreId, Map.of("migration", migration.id,
                        "commandId", commandId, "files", uploads.stream().map(FileUpload::name).toList()));
                if (!problems.isEmpty() && answerInvalid) {
                    runner.fail(migration.id, MigrationFailed.Stage.VALIDATION, new Failure("validation", null, null,
                            null, null, problems.stream().map(v -> v.field() + ": " + v.message())
                                    .reduce((a, b) -> a + "; " + b).orElse(""), null),
                            List.of(), List.of());
                    return null;
                }
                return migration.id;
            });
        } catch (PersistenceException e) {
            // The same command id raced in from another consumer: answer with whatever it becomes.
            migrations.findByCommandId(commandId).ifPresent(this::answerAgain);
            return null;
        }
    }

    /** A repeated command: the outcome is published again with the same event id, so consumers deduplicate. */
    private void answerAgain(Migration migration) {
        if (migration.state.finished()) {
            String suffix = migration.state == MigrationState.SUCCEEDED ? "succeeded" : "failed";
            QuarkusTransaction.requiringNew().run(() -> outbox.republish("migration/" + migration.id + "/" + suffix));
        }
        LOG.infof("Command %s seen before (migration %d, %s): answered, not applied again", migration.commandId,
                migration.id, migration.state);
    }

    /** The datastore a command names, or UnusableCommand. */
    public long resolve(DatastoreRef ref) {
        if (ref == null) {
            throw new UnusableCommand("the command names no datastore");
        }
        if (ref.id() != null) {
            try {
                return targets.target(ref.id()).datastoreId();
            } catch (ProblemException e) {
                throw new UnusableCommand("datastore " + ref.id() + " does not exist");
            }
        }
        return targets.resolve(ref.service(), ref.name(), ref.environment()).orElseThrow(() -> new UnusableCommand(
                "no datastore '" + ref.name() + "' of service '" + ref.service() + "' in " + ref.environment()));
    }

    /** File-level checks: the kind has migrations, names with its extension, checksums, duplicates, size. */
    private List<Violation> check(List<FileUpload> uploads, boolean sha256Required, Optional<String> extension) {
        List<Violation> problems = new ArrayList<>();
        if (extension.isEmpty()) {
            problems.add(new Violation("files", "migrations.unsupported", "this kind of datastore has no schema"
                    + " migrations"));
            return problems;
        }
        long bytes = 0;
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < uploads.size(); i++) {
            FileUpload upload = uploads.get(i);
            String field = "files[" + i + "]";
            if (upload.name() == null || !gate.isVersionedFileName(upload.name(), extension.get())) {
                problems.add(new Violation(field + ".name", "flyway.file-name", "'" + upload.name()
                        + "' is not a Flyway versioned file name like V1__create_orders." + extension.get()));
                continue;
            }
            String content = upload.content() == null ? "" : upload.content();
            bytes += content.getBytes(StandardCharsets.UTF_8).length;
            if (upload.sha256() == null && sha256Required) {
                problems.add(new Violation(field + ".sha256", "required", "is required"));
            } else if (upload.sha256() != null && !upload.sha256().equalsIgnoreCase(sha256(content))) {
                problems.add(new Violation(field + ".sha256", "checksum", upload.name()
                        + ": the SHA-256 does not match the content (the file changed in transit?)"));
            }
            if (!versions.add(gate.version(upload.name()))) {
                problems.add(new Violation(field + ".name", "flyway.duplicate-version", "version "
                        + gate.version(upload.name()) + " appears twice in the bundle"));
            }
        }
        if (bytes > config.maxBundleBytes()) {
            problems.add(new Violation("files", "bundle.size", "the bundle has " + bytes + " bytes; the limit is "
                    + config.maxBundleBytes()));
        }
        return problems;
    }

    /** A lint-only check of a bundle against the datastore's history; nothing is recorded or run. */
    @Transactional
    public LintResult lint(long datastoreId, LintRequest request) {
        Target target = targets.target(datastoreId);
        if (request == null || request.files() == null || request.files().isEmpty()) {
            throw ProblemException.invalid("files", "required", "a bundle needs at least one file");
        }
        List<MigrationFileRecord> bundle = new ArrayList<>();
        for (FileUpload upload : request.files()) {
            MigrationFileRecord file = new MigrationFileRecord();
            file.fileName = upload.name() == null ? "" : upload.name();
            file.content = upload.content() == null ? "" : upload.content();
            file.sha256 = sha256(file.content);
            file.version = upload.name() == null ? "" : gate.version(upload.name());
            bundle.add(file);
        }
        Map<String, String> applied = new java.util.LinkedHashMap<>();
        List<MigrationFileRecord> history = files.applied(datastoreId);
        history.forEach(file -> applied.put(file.version, file.sha256));
        List<Finding> findings = gate.lint(target, bundle, applied, history);
        return new LintResult(gate.blocked(findings), findings);
    }

    @Transactional
    public Page<MigrationView> list(long datastoreId, int page, int size) {
        targets.target(datastoreId);
        var query = migrations.find("datastoreId", Sort.descending("id"), datastoreId);
        return new Page<>(query.page(page, size).list().stream().map(this::view).toList(), page, size,
                query.count());
    }

    @Transactional
    public MigrationView get(long datastoreId, long migrationId) {
        Migration migration = migrations.findByIdOptional(migrationId)
                .filter(m -> m.datastoreId == datastoreId)
                .orElseThrow(() -> ProblemException.notFound("Migration", migrationId));
        return view(migration);
    }

    /** Flyway repair on every cluster: removes failed history entries so a fixed bundle can run. */
    public RepairResult repair(long datastoreId) {
        Target target = targets.target(datastoreId);
        targets.requireOwner(target, "repair its migration history");
        List<ClusterRepair> repaired = new ArrayList<>();
        List<MigrationScript> history = QuarkusTransaction.requiringNew().call(() -> files.applied(datastoreId)
                .stream().map(MigrationRunner::script).toList());
        try (DatastoreLocks.Held lock = runner.lock(datastoreId)) {
            for (ClusterEndpoint cluster : target.clusters()) {
                try {
                    repaired.add(new ClusterRepair(cluster.name(), target.engine().repair(cluster, target.tenant(),
                            target.password(), history)));
                } catch (EngineException e) {
                    throw ProblemException.badGateway(e.getMessage());
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> audit.record("migration.repaired", "datastore", datastoreId,
                Map.of("clusters", repaired.stream().map(ClusterRepair::cluster).toList())));
        return new RepairResult(datastoreId, repaired);
    }

    private MigrationView view(Migration migration) {
        Ci ci = migration.ciSystem == null && migration.ciRunUrl == null && migration.ciCommit == null ? null
                : new Ci(migration.ciSystem, migration.ciRunUrl, migration.ciCommit);
        return new MigrationView(migration.id, migration.datastoreId, migration.commandId, migration.state.name(),
                migration.stage, migration.channel, migration.requestedBy, ci,
                MigrationRunner.read(migration.versions, new TypeReference<List<String>>() { }),
                MigrationRunner.read(migration.applied, new TypeReference<List<String>>() { }),
                MigrationRunner.read(migration.findings, new TypeReference<List<Finding>>() { }),
                MigrationRunner.read(migration.failure, new TypeReference<Failure>() { }),
                MigrationRunner.read(migration.clusterResults, new TypeReference<List<ClusterResult>>() { }),
                migration.approvalId,
                migration.createdAt, migration.startedAt, migration.finishedAt);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((content == null ? "" : content).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
