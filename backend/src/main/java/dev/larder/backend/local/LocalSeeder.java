package dev.larder.backend.local;

import dev.larder.backend.local.LocalConfig.LocalCluster;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * For the local run only (larder.local.seed=true): registers the machine's MySQL server as cluster "local" and
 * seeds a demo team, member and service, so the README's walkthrough works on a fresh machine. It does nothing
 * when the rows exist.
 */
@ApplicationScoped
public class LocalSeeder {

    private static final Logger LOG = Logger.getLogger(LocalSeeder.class);

    @Inject
    LocalConfig config;

    @Inject
    LocalSeeding seeding;

    void seed(@Observes StartupEvent start) {
        if (!config.seed()) {
            return;
        }
        LocalCluster cluster = config.cluster();
        seeding.seed(cluster);
        LOG.infof("Local seed ready: cluster 'local' (%s:%d), team 'demo', member 'dev@larder.local', service 'shop'",
                cluster.host(), cluster.port());
    }
}
