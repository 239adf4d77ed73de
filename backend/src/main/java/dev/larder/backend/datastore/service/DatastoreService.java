package dev.larder.backend.datastore.service;

import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.cluster.domain.Cluster;
import dev.larder.backend.cluster.repository.ClusterRepository;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.common.names.Names;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.datastore.domain.Credential;
import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.CredentialRepository;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.datastore.service.DatastoreViews.DatastoreFilter;
import dev.larder.backend.datastore.service.DatastoreViews.DatastoreView;
import dev.larder.backend.datastore.service.DatastoreViews.Endpoint;
import dev.larder.backend.datastore.service.DatastoreViews.NewDatastore;
import dev.larder.backend.datastore.service.DatastoreViews.RevealedCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.common.json.StoredJson;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.Credentials;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.events.CloudEvent;
import dev.larder.events.datastore.DatastoreDecommissioned;
import dev.larder.backend.engine.EngineRegistry;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.secrets.SecretBox;
import dev.larder.backend.security.Caller;
import dev.larder.backend.team.domain.Microservice;
import dev.larder.backend.team.domain.Team;
import dev.larder.backend.team.repository.MicroserviceRepository;
import dev.larder.backend.team.repository.TeamRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/** The datastore lifecycle as callers see it: create, look up, rotate, reveal, decommission. */
@ApplicationScoped
public class DatastoreService {

    @Inject
    DatastoreRepository datastores;

    @Inject
    CredentialRepository credentials;

    @Inject
    MicroserviceRepository services;

    @Inject
    TeamRepository teams;

    @Inject
    ClusterRepository clusters;

    @Inject
    EngineRegistry engines;

    @Inject
    DatastoreProvisioner provisioner;

    @Inject
    SecretBox secrets;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Inject
    DatastoreConfig config;

    @Inject
    Outbox outbox;

    @Inject
    DatastoreTargets targets;

    /** Records the request, then provisions it right away; the answer carries READY or FAILED with the reason. */
    public DatastoreView create(NewDatastore request) {
        long id = register(request);
        provisioner.provision(id);
        return get(id);
    }

    @Transactional
    long register(NewDatastore request) {
        String serviceName = Names.resource("service", request.service());
        String name = Names.resource("name", request.name());
        DatastoreKind kind = DatastoreKind.parse("kind", request.kind());
        Environment environment = Environment.parse("environment", request.environment());
        Microservice service = services.findByName(serviceName).orElseThrow(() -> ProblemException.invalid(
                "service", "reference.exists", "service '" + serviceName + "' does not exist; register it first"));
        Team team = teams.findById(service.teamId);
        caller.requireTeam(team.id, team.name, "create datastores for service '" + serviceName + "'");
        Cluster placement = place(request, kind, environment);
        String group = placement.replicationGroup;
        JsonNode spec = engines.engine(kind).validateSpec(request.spec());

        Datastore datastore = new Datastore();
        datastore.kind = kind.label();
        datastore.name = name;
        datastore.serviceId = service.id;
        datastore.environment = environment.label();
        datastore.clusterId = placement.id;
        datastore.replicationGroup = group;
        datastore.physicalName = "pending";
        datastore.spec = spec == null ? null : StoredJson.write(spec);
        datastore.createdBy = caller.name();
        datastore.createdAt = Instant.now();
        datastore.moveTo(DatastoreState.REQUESTED);
        datastores.persist(datastore);

        Tenant tenant = engines.engine(kind).naming(datastore.id, environment, serviceName, name);
        String activeKey = kind.label() + "/" + environment.label() + "/" + tenant.physicalName();
        datastores.findActive(activeKey).ifPresent(existing -> {
            throw ProblemException.conflict("A " + kind.label() + " datastore named '" + tenant.physicalName()
                    + "' already exists in " + environment.label() + " (id " + existing.id + ", state "
                    + existing.state + ").");
        });
        refuseSharedServer(kind, tenant.physicalName(), placement);
        datastore.physicalName = tenant.physicalName();
        datastore.activeKey = activeKey;

        Credential credential = new Credential();
        credential.datastoreId = datastore.id;
        credential.username = tenant.login();
        credential.secretEnc = secrets.encrypt(secrets.newPassword(config.passwordLength()),
                CredentialContext.of(datastore.id, tenant.login()));
        credential.version = 1;
        credential.createdAt = Instant.now();
        credentials.persist(credential);

        Map<String, Object> details = new HashMap<>();
        details.put("kind", kind.label());
        details.put("service", serviceName);
        details.put("name", name);
        details.put("environment", environment.label());
        details.put("physicalName", tenant.physicalName());
        details.put("login", tenant.login());
        details.put("placement", group != null ? "group:" + group : "cluster:" + placement.name);
        if (spec != null) {
            details.put("spec", spec);
        }
        audit.record("datastore.requested", "datastore", datastore.id, details);
        return datastore.id;
    }

    private Cluster place(NewDatastore request, DatastoreKind kind, Environment environment) {
        if (request.cluster() != null && request.replicationGroup() != null) {
            throw ProblemException.invalid("cluster", "placement.one",
                    "give either cluster or replicationGroup, not both");
        }
        if (request.cluster() != null) {
            Cluster cluster = clusters.findByName(request.cluster()).orElseThrow(() -> ProblemException.invalid(
                    "cluster", "reference.exists", "cluster '" + request.cluster() + "' is not registered"));
            requireFits("cluster", cluster, kind, environment);
            return cluster;
        }
        if (request.replicationGroup() != null) {
            List<Cluster> members = clusters.inGroup(request.replicationGroup());
            if (members.isEmpty()) {
                throw ProblemException.invalid("replicationGroup", "reference.exists", "no cluster belongs to group '"
                        + request.replicationGroup() + "'");
            }
            requireFits("replicationGroup", members.get(0), kind, environment);
            return members.get(0);
        }
        List<Cluster> candidates = clusters.candidates(kind.label(), environment.label());
        if (candidates.isEmpty()) {
            throw ProblemException.invalid("cluster", "placement.available", "no " + kind.label()
                    + " cluster is registered for " + environment.label() + "; ask the datastore team to register one");
        }
        if (candidates.size() > 1) {
            throw ProblemException.invalid("cluster", "placement.ambiguous", "several " + kind.label()
                    + " clusters serve " + environment.label() + " ("
                    + candidates.stream().map(c -> c.name).collect(Collectors.joining(", ")) + "); name one");
        }
        return candidates.get(0);
    }

    /**
     * Two environments may be served by one server (a shared dev/staging box): the same physical name there would be
     * the same schema and login. Refuse it, whatever the environments say.
     */
    private void refuseSharedServer(DatastoreKind kind, String physicalName, Cluster placement) {
        java.util.Set<String> servers = new java.util.HashSet<>();
        servers(placement.replicationGroup, placement.id).forEach(c -> servers.add(c.host + ":" + c.port));
        for (Datastore other : datastores.list("kind = ?1 and physicalName = ?2 and activeKey is not null",
                kind.label(), physicalName)) {
            for (Cluster cluster : servers(other.replicationGroup, other.clusterId)) {
                if (servers.contains(cluster.host + ":" + cluster.port)) {
                    throw ProblemException.conflict("The server " + cluster.host + ":" + cluster.port + " already"
                            + " holds '" + physicalName + "' for datastore " + other.id + " (" + other.environment
                            + "); a second datastore there would share its schema and login.");
                }
            }
        }
    }

    private List<Cluster> servers(String group, Long clusterId) {
        return group != null ? clusters.inGroup(group) : List.of(clusters.findById(clusterId));
    }

    private static void requireFits(String field, Cluster cluster, DatastoreKind kind, Environment environment) {
        if (!cluster.kind.equals(kind.label()) || !cluster.environment.equals(environment.label())) {
            throw ProblemException.invalid(field, "placement.matches", "cluster '" + cluster.name + "' is a "
                    + cluster.environment + " " + cluster.kind + " cluster; the datastore is " + environment.label()
                    + " " + kind.label());
        }
    }

    @Transactional
    public DatastoreView get(long id) {
        return view(find(id));
    }

    @Transactional
    public Page<DatastoreView> list(DatastoreFilter filter, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringJoiner where = new StringJoiner(" and ");
        where.add("1 = 1");
        if (filter.team() != null) {
            where.add("serviceId in (select s.id from Microservice s, Team t where s.teamId = t.id and t.name = :team)");
            params.put("team", filter.team());
        }
        if (filter.service() != null) {
            where.add("serviceId in (select s.id from Microservice s where s.name = :service)");
            params.put("service", filter.service());
        }
        if (filter.environment() != null) {
            params.put("environment", Environment.parse("environment", filter.environment()).label());
            where.add("environment = :environment");
        }
        if (filter.kind() != null) {
            params.put("kind", DatastoreKind.parse("kind", filter.kind()).label());
            where.add("kind = :kind");
        }
        if (filter.state() != null) {
            params.put("state", Arrays.stream(DatastoreState.values())
                    .filter(state -> state.name().equalsIgnoreCase(filter.state())).findFirst()
                    .orElseThrow(() -> ProblemException.invalid("state", "enum", "must be one of "
                            + Arrays.toString(DatastoreState.values()))));
            where.add("state = :state");
        }
        var query = datastores.find(where.toString(), Sort.ascending("id"), params);
        return new Page<>(query.page(page, size).list().stream().map(this::view).toList(), page, size,
                query.count());
    }

    /** Runs provisioning again for a datastore that failed or was cut short. */
    public DatastoreView retry(long id) {
        Datastore datastore = authorize(id, "retry provisioning");
        if (!datastore.state.provisionable()) {
            throw ProblemException.unprocessable("Datastore " + id + " is " + datastore.state
                    + "; only REQUESTED, PROVISIONING or FAILED datastores can be provisioned again.");
        }
        provisioner.retry(id);
        return get(id);
    }

    @Transactional
    public DatastoreView rotate(long id) {
        Datastore datastore = lockOwned(id, "rotate its credentials");
        requireState(datastore, DatastoreState.READY, "rotate credentials");
        Credential credential = credentials.ofDatastore(id);
        String context = CredentialContext.of(id, credential.username);
        Secret current = secrets.decrypt(credential.secretEnc, context);
        Secret next = secrets.newPassword(config.passwordLength());
        provisioner.rotateEverywhere(datastore, current, next);
        credential.secretEnc = secrets.encrypt(next, context);
        credential.version++;
        credential.rotatedAt = Instant.now();
        datastore.updatedAt = Instant.now();
        audit.record("datastore.credentials-rotated", "datastore", id,
                Map.of("login", credential.username, "version", credential.version));
        return view(datastore);
    }

    @Transactional
    public RevealedCredentials reveal(long id) {
        Datastore datastore = lockOwned(id, "reveal its credentials");
        requireState(datastore, DatastoreState.READY, "reveal credentials");
        Credential credential = credentials.ofDatastore(id);
        Secret password = secrets.decrypt(credential.secretEnc, CredentialContext.of(id, credential.username));
        credential.lastRevealedAt = Instant.now();
        credential.lastRevealedBy = caller.name();
        audit.record("datastore.credentials-revealed", "datastore", id,
                Map.of("login", credential.username, "version", credential.version));
        Target target = targets.target(datastore);
        DatastoreEngine engine = target.engine();
        return new RevealedCredentials(id, datastore.kind, credential.username,
                engine.usesPassword() ? password.value() : null, endpoints(datastore), credential.version,
                engine.connection(target.clusters(), target.tenant(), Credentials.owner(credential.username,
                        password)));
    }

    @Transactional
    public DatastoreView decommission(long id) {
        Datastore datastore = lockOwned(id, "decommission it");
        if (datastore.state == DatastoreState.DECOMMISSIONING || datastore.state == DatastoreState.DECOMMISSIONED) {
            return view(datastore);
        }
        if (datastore.state == DatastoreState.REQUESTED || datastore.state == DatastoreState.PROVISIONING) {
            throw ProblemException.unprocessable("Datastore " + id + " is still " + datastore.state
                    + "; wait until it is READY or FAILED.");
        }
        provisioner.revokeEverywhere(datastore);
        Instant now = Instant.now();
        datastore.moveTo(DatastoreState.DECOMMISSIONING);
        datastore.decommissionedAt = now;
        datastore.dropAfter = now.plus(config.retention());
        credentials.ofDatastore(id).revokedAt = now;
        audit.record("datastore.decommissioned", "datastore", id,
                Map.of("dropAfter", datastore.dropAfter.toString(), "retention", config.retention().toString()));
        DatastoreView view = view(datastore);
        outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(id), new DatastoreDecommissioned(id,
                view.kind(), view.service(), view.team(), view.name(), view.environment(), datastore.dropAfter))
                .withId("datastore/" + id + "/decommissioned"));
        return view;
    }

    private Datastore find(long id) {
        return datastores.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Datastore", id));
    }

    @Transactional
    Datastore authorize(long id, String what) {
        Datastore datastore = find(id);
        requireOwner(datastore, what);
        return datastore;
    }

    private Datastore lockOwned(long id, String what) {
        Datastore datastore = datastores.lock(id).orElseThrow(() -> ProblemException.notFound("Datastore", id));
        requireOwner(datastore, what);
        return datastore;
    }

    private void requireOwner(Datastore datastore, String what) {
        Microservice service = services.findById(datastore.serviceId);
        Team team = teams.findById(service.teamId);
        caller.requireTeam(team.id, team.name, what + " (datastore " + datastore.id + " belongs to service '"
                + service.name + "')");
    }

    private static void requireState(Datastore datastore, DatastoreState wanted, String what) {
        if (datastore.state != wanted) {
            throw ProblemException.unprocessable("Cannot " + what + ": datastore " + datastore.id + " is "
                    + datastore.state + ", not " + wanted + ".");
        }
    }

    private List<Endpoint> endpoints(Datastore datastore) {
        return servers(datastore.replicationGroup, datastore.clusterId).stream().map(c -> new Endpoint(c.name, c.host, c.port)).toList();
    }

    DatastoreView view(Datastore datastore) {
        Microservice service = services.findById(datastore.serviceId);
        Team team = teams.findById(service.teamId);
        Credential credential = credentials.find("datastoreId", datastore.id).firstResult();
        return new DatastoreView(datastore.id, datastore.kind, datastore.name, service.name, team.name,
                datastore.environment, datastore.replicationGroup, endpoints(datastore), datastore.physicalName,
                credential == null ? null : credential.username,
                datastore.spec == null ? null : StoredJson.read(datastore.spec, JsonNode.class),
                DatastoreViews.catalogName(datastore.id, service.name, datastore.name, datastore.kind,
                        datastore.environment),
                datastore.state.name(), datastore.failureReason,
                datastore.createdBy, datastore.createdAt, datastore.updatedAt, datastore.decommissionedAt,
                datastore.dropAfter);
    }
}
