package dev.larder.backend.engine.dynamodb;

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
 * Time-boxed access to a DynamoDB table creates nothing on the server: the person gets a rendered IAM policy (read or
 * write, on the table and its indexes, with {@code DateLessThan aws:CurrentTime} at the grant's end) on the reveal
 * page, to attach to their own role. AWS refuses it after the end even if nobody detaches it; Larder marks the grant
 * EXPIRED as for any kind. So grant, revoke and the reconciler's listing have nothing to do here. The "login" only
 * names the grant ({@code <prefix>_<grant id>}) so the policy's Sid can point back to it.
 */
@ApplicationScoped
class DynamoDbAccessGrants implements AccessGrants {

    private static final Logger LOG = Logger.getLogger(DynamoDbAccessGrants.class);

    private final GrantLogins names;

    DynamoDbAccessGrants(@ConfigProperty(name = "larder.access.login-prefix", defaultValue = "lxa") String prefix) {
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
        LOG.infof("Access grant %s (%s) on table %s: nothing to create on cluster %s; the policy is rendered on reveal",
                login, level, tenant.physicalName(), cluster.name());
    }

    @Override
    public void revoke(ClusterEndpoint cluster, String login) {
        // Nothing on the server; the policy's own expiry condition ends it at AWS.
    }

    @Override
    public List<String> logins(ClusterEndpoint cluster) {
        return List.of();
    }
}
