package dev.larder.backend.datastore.service;

import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.outbox.service.Outbox;
import dev.larder.backend.team.domain.Microservice;
import dev.larder.backend.team.repository.MicroserviceRepository;
import dev.larder.backend.team.repository.TeamRepository;
import dev.larder.events.CloudEvent;
import dev.larder.events.datastore.DatastoreProvisioned;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Drives the engines for the datastore lifecycle. Provisioning runs outside a long transaction: the state moves to
 * PROVISIONING and commits, the engine does its (idempotent) work on every cluster, then READY or FAILED commits
 * with its audit record. A crash in between leaves PROVISIONING, which the recovery job finishes.
 */
@ApplicationScoped
public class DatastoreProvisioner {

    private static final Logger LOG = Logger.getLogger(DatastoreProvisioner.class);

    @Inject
    DatastoreRepository datastores;

    @Inject
    MicroserviceRepository services;

    @Inject
    AuditService audit;

    @Inject
    Outbox outbox;

    @Inject
    DatastoreTargets targets;

    @Inject
    TeamRepository teams;

    record Work(DatastoreEngine engine, Tenant tenant, List<ClusterEndpoint> endpoints, Secret password) {
    }

    public void provision(long id) {
        Work work = QuarkusTransaction.requiringNew().call(() -> start(id));
        if (work == null) {
            return;
        }
        String done = null;
        for (ClusterEndpoint endpoint : work.endpoints()) {
            try {
                work.engine().provision(endpoint, work.tenant(), work.password());
            } catch (EngineException e) {
                LOG.warnf("Provisioning datastore %d failed on cluster %s: %s", id, endpoint.name(), e.getMessage());
                QuarkusTransaction.requiringNew().run(() -> finish(id, endpoint.name(), e.getMessage()));
                return;
            }
            done = done == null ? endpoint.name() : done + "," + endpoint.name();
        }
        String clustersDone = done;
        QuarkusTransaction.requiringNew().run(() -> finish(id, clustersDone, null));
    }

    /** A person asked to provision again: audited as theirs, then the same idempotent path. */
    public void retry(long id) {
        QuarkusTransaction.requiringNew().run(() -> audit.record("datastore.provisioning-retried", "datastore", id,
                Map.of()));
        provision(id);
    }

    private Work start(long id) {
        Datastore datastore = datastores.lock(id).orElseThrow();
        if (!datastore.state.provisionable()) {
            return null;
        }
        datastore.moveTo(DatastoreState.PROVISIONING);
        return work(datastore);
    }

    private void finish(long id, String cluster, String failure) {
        Datastore datastore = datastores.lock(id).orElseThrow();
        if (datastore.state != DatastoreState.PROVISIONING) {
            return;
        }
        if (failure == null) {
            datastore.moveTo(DatastoreState.READY);
            datastore.failureReason = null;
            audit.record("datastore.provisioned", "datastore", id, Map.of("clusters", cluster));
            Microservice service = services.findById(datastore.serviceId);
            outbox.publish(CloudEvent.of(CloudEvent.BACKEND_SOURCE, String.valueOf(id), new DatastoreProvisioned(id,
                    datastore.kind, service.name, teams.findById(service.teamId).name, datastore.name,
                    datastore.environment, datastore.physicalName)).withId("datastore/" + id + "/provisioned"));
        } else {
            datastore.moveTo(DatastoreState.FAILED);
            datastore.failureReason = failure;
            audit.record("datastore.provisioning-failed", "datastore", id,
                    Map.of("cluster", cluster, "reason", failure));
        }
    }

    /** Sets the new password on every cluster; if one refuses, puts the old one back where it was changed. */
    void rotateEverywhere(Datastore datastore, Secret current, Secret next) {
        Work work = work(datastore);
        List<ClusterEndpoint> changed = new ArrayList<>();
        for (ClusterEndpoint endpoint : work.endpoints()) {
            try {
                work.engine().rotate(endpoint, work.tenant(), next);
                changed.add(endpoint);
            } catch (EngineException e) {
                for (ClusterEndpoint undo : changed) {
                    try {
                        work.engine().rotate(undo, work.tenant(), current);
                    } catch (EngineException again) {
                        LOG.errorf("Could not restore the previous password of %s on %s: %s", work.tenant().login(),
                                undo.name(), again.getMessage());
                    }
                }
                throw ProblemException.badGateway("Rotation failed, the credentials are unchanged: " + e.getMessage());
            }
        }
    }

    /** Removes the login everywhere. A failure leaves the datastore as it was, for the caller to try again. */
    void revokeEverywhere(Datastore datastore) {
        Work work = work(datastore);
        for (ClusterEndpoint endpoint : work.endpoints()) {
            try {
                work.engine().revokeLogin(endpoint, work.tenant());
            } catch (EngineException e) {
                throw ProblemException.badGateway("Decommissioning stopped, nothing was changed in Larder: "
                        + e.getMessage());
            }
        }
    }

    void dropEverywhere(Datastore datastore) {
        Work work = work(datastore);
        for (ClusterEndpoint endpoint : work.endpoints()) {
            work.engine().dropData(endpoint, work.tenant());
        }
    }

    private Work work(Datastore datastore) {
        DatastoreTargets.Target target = targets.target(datastore);
        return new Work(target.engine(), target.tenant(), target.clusters(), target.password());
    }
}
