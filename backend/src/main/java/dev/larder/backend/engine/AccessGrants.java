package dev.larder.backend.engine;

import dev.larder.backend.secrets.Secret;
import java.util.List;

/**
 * Time-boxed personal access, for engines that support it: a real login of its own for one person on one
 * datastore, read-only or read-write, that the expiry job removes. Logins Larder creates for grants share a prefix,
 * so the reconciler can find the ones nobody accounts for any more.
 */
public interface AccessGrants {

    enum Level {
        READ, WRITE
    }

    /** The login for a grant: the engine's grant prefix and the grant id. */
    String loginFor(long grantId);

    /** The grant id a login was made for, or -1 when the login is not one of Larder's grant logins. */
    long grantIdOf(String login);

    /** Creates (or converges) the personal login with exactly the level's rights on the datastore. Idempotent. */
    void grant(ClusterEndpoint cluster, Tenant tenant, String login, Secret password, Level level);

    /** Removes the login and ends its open sessions. Idempotent: a missing login is fine. */
    void revoke(ClusterEndpoint cluster, String login);

    /** Every grant login present on the server. */
    List<String> logins(ClusterEndpoint cluster);
}
