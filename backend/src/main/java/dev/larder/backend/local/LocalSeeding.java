package dev.larder.backend.local;

import dev.larder.backend.cluster.service.ClusterService;
import dev.larder.backend.cluster.service.ClusterViews.NewCluster;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.local.LocalConfig.LocalCluster;
import dev.larder.backend.security.Caller;
import dev.larder.backend.team.service.TeamService;
import dev.larder.backend.team.service.TeamViews.NewMember;
import dev.larder.backend.team.service.TeamViews.NewService;
import dev.larder.backend.team.service.TeamViews.NewTeam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;

/** Seeds through the ordinary services, so the seed is validated and audited like any other write. */
@ApplicationScoped
class LocalSeeding {

    @Inject
    Caller caller;

    @Inject
    TeamService teams;

    @Inject
    ClusterService clusters;

    @ActivateRequestContext
    void seed(LocalCluster local) {
        caller.actAsSystem("larder-local-seed");
        unlessExists(() -> clusters.register(new NewCluster("local", "mysql", local.host(), local.port(),
                local.adminUser(), local.adminPassword().orElse(""), "dev", null)));
        unlessExists(() -> teams.createTeam(new NewTeam("demo", "Demo team", "#demo-approvals")));
        unlessExists(() -> teams.createMember(new NewMember("dev@larder.local", "Dev", null, List.of("demo"))));
        unlessExists(() -> teams.createService(new NewService("shop", "demo", "demo-shop", "The demo shop")));
    }

    private static void unlessExists(Supplier<?> create) {
        try {
            create.get();
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }
}
