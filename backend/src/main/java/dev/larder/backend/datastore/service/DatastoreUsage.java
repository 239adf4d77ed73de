package dev.larder.backend.datastore.service;

import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.service.DatastoreTargets.Target;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * What a datastore holds, read live from its server by its engine. Measured on the first cluster of its placement:
 * replicas hold the same data.
 */
@ApplicationScoped
public class DatastoreUsage {

    /** The measures of one datastore at one moment. */
    public record UsageView(long datastoreId, String kind, String team, String service, String datastore,
            String environment, String cluster, Instant measuredAt, List<Usage.Measure> measures) {
    }

    @Inject
    DatastoreTargets targets;

    /** For the API: 422 unless READY, 502 when the server cannot be reached. */
    public UsageView of(long datastoreId) {
        Target target = targets.target(datastoreId);
        if (target.state() != DatastoreState.READY) {
            throw ProblemException.unprocessable("Datastore " + datastoreId + " is " + target.state()
                    + "; usage is measured on READY datastores.");
        }
        return measure(target);
    }

    /** Measures a datastore; throws {@link EngineException} when its server does not answer. */
    public UsageView measure(Target target) {
        ClusterEndpoint cluster = target.clusters().get(0);
        Usage usage = target.engine().usage(cluster, target.tenant());
        return new UsageView(target.datastoreId(), target.engine().kind().label(), target.team(), target.service(),
                target.name(), target.environment(), cluster.name(), Instant.now(), usage.measures());
    }
}
