package dev.larder.backend.datastore.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.cluster.service.ClusterService;
import dev.larder.backend.common.json.StoredJson;
import dev.larder.backend.cluster.service.ClusterViews.ClusterView;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.datastore.domain.Credential;
import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.CredentialRepository;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineRegistry;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.secrets.SecretBox;
import dev.larder.backend.security.Caller;
import dev.larder.backend.team.domain.Microservice;
import dev.larder.backend.team.domain.Team;
import dev.larder.backend.team.repository.MicroserviceRepository;
import dev.larder.backend.team.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Everything an engine call needs for one datastore: the engine, the tenant, the clusters (decrypted admin
 * endpoints, in order) and the datastore's own password. For other aggregates (migrations, data changes, access)
 * that act on a datastore.
 */
@ApplicationScoped
public class DatastoreTargets {

    /** One datastore, ready for engine calls. Carries secrets: never log or serialise it. */
    public record Target(long datastoreId, DatastoreEngine engine, Tenant tenant, List<ClusterEndpoint> clusters,
            Secret password, String environment, String replicationGroup, DatastoreState state, long teamId,
            String team, String service, String name) {

        public boolean replicated() {
            return replicationGroup != null;
        }

        @Override
        public String toString() {
            return "Target[datastore=" + datastoreId + ", " + tenant.physicalName() + "]";
        }
    }

    @Inject
    DatastoreRepository datastores;

    @Inject
    CredentialRepository credentials;

    @Inject
    MicroserviceRepository services;

    @Inject
    TeamRepository teams;

    @Inject
    ClusterService clusters;

    @Inject
    EngineRegistry engines;

    @Inject
    SecretBox secrets;

    @Inject
    Caller caller;

    @Transactional
    public Target target(long datastoreId) {
        return target(datastores.findByIdOptional(datastoreId)
                .orElseThrow(() -> ProblemException.notFound("Datastore", datastoreId)));
    }

    public Target target(Datastore datastore) {
        DatastoreEngine engine = engines.engine(DatastoreKind.parse("kind", datastore.kind));
        Microservice service = services.findById(datastore.serviceId);
        Team team = teams.findById(service.teamId);
        Tenant naming = engine.naming(datastore.id, Environment.parse("environment", datastore.environment),
                service.name, datastore.name);
        Credential credential = credentials.ofDatastore(datastore.id);
        List<ClusterEndpoint> endpoints = clusters.placement(datastore.clusterId, datastore.replicationGroup)
                .stream().map(ClusterView::id).map(clusters::endpoint).toList();
        Secret password = secrets.decrypt(credential.secretEnc, CredentialContext.of(datastore.id,
                credential.username));
        Tenant tenant = new Tenant(datastore.id, naming.physicalName(), credential.username,
                datastore.spec == null ? null : StoredJson.read(datastore.spec, JsonNode.class));
        return new Target(datastore.id, engine, tenant,
                endpoints, password, datastore.environment, datastore.replicationGroup, datastore.state, team.id,
                team.name, service.name, datastore.name);
    }

    /** The live datastore a service calls {@code name} in an environment, if there is one. */
    @Transactional
    public Optional<Long> resolve(String service, String name, String environment) {
        return datastores.find("serviceId in (select s.id from Microservice s where s.name = ?1) and name = ?2"
                + " and environment = ?3 and state <> ?4", service, name, environment, DatastoreState.DECOMMISSIONED)
                .firstResultOptional().map(datastore -> datastore.id);
    }

    /** Throws 403 unless the caller acts for the datastore's owning team. */
    public void requireOwner(Target target, String what) {
        caller.requireTeam(target.teamId(), target.team(), what + " (datastore " + target.datastoreId()
                + " belongs to service '" + target.service() + "')");
    }
}
