package dev.larder.backend.security;

import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.RequestMetadata;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, and for which teams they may act. A JWT identifies a person (by its email claim, else its
 * principal name); a service token identifies a machine. Team membership comes from Larder's member records.
 */
@RequestScoped
public class Caller {

    public static final String SYSTEM = "larder-system";

    @Inject
    SecurityIdentity identity;

    @Inject
    Memberships members;

    @Inject
    RequestMetadata request;

    private Set<Long> teamIds;
    private String system;

    /**
     * Makes the rest of this request act as Larder itself, with platform-admin rights: for work no person asked
     * for (scheduled jobs, the local seed). Audit records name the given actor.
     */
    public void actAsSystem(String actor) {
        this.system = actor;
    }

    /** The name recorded as the actor: an email for people, service:&lt;name&gt; for service tokens. */
    public String name() {
        if (system != null) {
            return system;
        }
        String person = delegatedPerson();
        if (person != null) {
            return members.emailOf(person).orElse(person.toLowerCase());
        }
        if (identity.isAnonymous()) {
            return SYSTEM;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String email = jwt.getClaim("email");
            if (email != null && !email.isBlank()) {
                return email;
            }
        }
        return identity.getPrincipal().getName();
    }

    /**
     * Whether a person is calling with their own identity (a JWT from the identity provider): not a service token,
     * not someone named by a service token, not Larder itself. A step-up confirmation needs exactly this.
     */
    public boolean presentsOwnIdentity() {
        return system == null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken;
    }

    public boolean isPlatformAdmin() {
        if (system != null) {
            return true;
        }
        return delegatedPerson() == null && identity.hasRole(Roles.PLATFORM_ADMIN);
    }

    /**
     * Whether the identity carries this group (a JWT group) or role (a service token's roles). A person named by an
     * on-behalf-of token has no groups of their own here: the token's roles (slack-bot, say) are not theirs.
     */
    public boolean inGroup(String group) {
        return system == null && !identity.isAnonymous() && delegatedPerson() == null && identity.hasRole(group);
    }

    /**
     * The person a trusted service token acts for: Backstage's proxy or the Slack bot name them in
     * X-Larder-On-Behalf-Of. They act as that person — their teams, never the token's own admin rights.
     */
    private String delegatedPerson() {
        if (identity.isAnonymous() || !identity.hasRole(Roles.ON_BEHALF_OF)) {
            return null;
        }
        return request.onBehalfOf();
    }

    /** The service token a person acted through, if any (recorded as the channel). */
    public String via() {
        return delegatedPerson() == null ? null : identity.getPrincipal().getName();
    }

    public Set<Long> teamIds() {
        if (teamIds == null) {
            teamIds = system != null || identity.isAnonymous() ? Set.of() : members.teamIdsOf(name());
        }
        return teamIds;
    }

    public boolean actsFor(long teamId) {
        return isPlatformAdmin() || teamIds().contains(teamId);
    }

    public void requirePlatformAdmin(String what) {
        if (!isPlatformAdmin()) {
            throw ProblemException.forbidden("Only a platform-admin may " + what + ".");
        }
    }

    public void requireTeam(long teamId, String teamName, String what) {
        if (!actsFor(teamId)) {
            throw ProblemException.forbidden("Only members of team '" + teamName + "' or a platform-admin may "
                    + what + "; you (" + name() + ") are not a member.");
        }
    }
}
