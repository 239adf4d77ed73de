package dev.larder.backend.team.repository;

import dev.larder.backend.security.Memberships;
import dev.larder.backend.team.domain.Member;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class MemberRepository implements PanacheRepository<Member>, Memberships {

    public Optional<Member> findByEmail(String email) {
        return find("email", email).firstResultOptional();
    }

    @Override
    public Optional<String> emailOf(String emailOrEntityRef) {
        String key = emailOrEntityRef.strip().toLowerCase();
        return (key.contains("@") ? findByEmail(key) : find("entityRef", key).firstResultOptional())
                .map(member -> member.email);
    }

    @Override
    public Set<Long> teamIdsOf(String email) {
        return findByEmail(email).map(member -> Set.copyOf(member.teamIds)).orElse(Set.of());
    }
}
