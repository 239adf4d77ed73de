package dev.larder.backend.engine.opensearch;

import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.GrantLogins;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Personal OpenSearch logins {@code <prefix>_<grant id>} (prefix {@code larder.access.login-prefix}, default lxa):
 * internal users mapped to the family's read role (search and read documents, mappings) or write role (that plus
 * indexing, updating and deleting documents — never mappings, settings, aliases or indices), both limited to the
 * datastore's index family. Revoking deletes the user; its next request is refused.
 */
@ApplicationScoped
class OpenSearchAccessGrants implements AccessGrants {

    private static final Logger LOG = Logger.getLogger(OpenSearchAccessGrants.class);

    private final OpenSearchClients clients;
    private final GrantLogins names;

    OpenSearchAccessGrants(OpenSearchClients clients,
            @ConfigProperty(name = "larder.access.login-prefix", defaultValue = "lxa") String prefix) {
        this.clients = clients;
        this.names = GrantLogins.of("", prefix);
    }

    @Override
    public String loginFor(long grantId) {
        return names.loginFor(grantId);
    }

    @Override
    public long grantIdOf(String login) {
        return names.grantIdOf(login);
    }

    @Override
    public void grant(ClusterEndpoint cluster, Tenant tenant, String login, Secret password, Level level) {
        if (grantIdOf(login) < 0) {
            throw new IllegalArgumentException("not a personal login: " + login);
        }
        IndexFamily family = new IndexFamily(tenant.physicalName());
        boolean write = level == Level.WRITE;
        String role = family.grantRole(write);
        try (OpenSearchSession admin = clients.admin(cluster)) {
            SecurityApi.putRole(admin, role, family,
                    write ? SecurityApi.WRITE_CLUSTER_ACTIONS : SecurityApi.READ_CLUSTER_ACTIONS,
                    write ? SecurityApi.WRITE_INDEX_ACTIONS : SecurityApi.READ_INDEX_ACTIONS,
                    "Larder: personal " + (write ? "read-write" : "read-only") + " access to " + family.name());
            SecurityApi.putUser(admin, login, password, role, "Larder: time-boxed access to " + family.name());
            LOG.infof("Personal login %s (%s) on %s of cluster %s", login, level, family.name(), cluster.name());
        }
    }

    @Override
    public void revoke(ClusterEndpoint cluster, String login) {
        if (grantIdOf(login) < 0) {
            throw new IllegalArgumentException("not a personal login: " + login);
        }
        try (OpenSearchSession admin = clients.admin(cluster)) {
            SecurityApi.deleteUser(admin, login);
            LOG.infof("Removed personal login %s on cluster %s", login, cluster.name());
        }
    }

    @Override
    public List<String> logins(ClusterEndpoint cluster) {
        try (OpenSearchSession admin = clients.admin(cluster)) {
            return SecurityApi.users(admin).stream().filter(user -> grantIdOf(user) >= 0).toList();
        }
    }
}
