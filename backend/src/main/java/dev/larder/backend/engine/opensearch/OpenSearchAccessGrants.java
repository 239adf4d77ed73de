package dev.larder.backend.engine.opensearch;

import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,9}");

    private final OpenSearchClients clients;
    private final String prefix;
    private final Pattern login;

    OpenSearchAccessGrants(OpenSearchClients clients,
            @ConfigProperty(name = "larder.access.login-prefix", defaultValue = "lxa") String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException("larder.access.login-prefix must match " + PREFIX.pattern());
        }
        this.clients = clients;
        this.prefix = prefix;
        this.login = Pattern.compile(Pattern.quote(prefix) + "_([0-9]{1,18})");
    }

    @Override
    public String loginFor(long grantId) {
        return prefix + "_" + grantId;
    }

    @Override
    public long grantIdOf(String login) {
        Matcher matcher = this.login.matcher(login);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
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
