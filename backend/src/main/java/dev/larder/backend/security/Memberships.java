package dev.larder.backend.security;

import java.util.Set;

/** Which teams a person belongs to. Implemented where members are stored, so security depends on no aggregate. */
public interface Memberships {

    Set<Long> teamIdsOf(String email);

    /** The member's email for an email or a Backstage user entity ref, if Larder knows the person. */
    java.util.Optional<String> emailOf(String emailOrEntityRef);
}
