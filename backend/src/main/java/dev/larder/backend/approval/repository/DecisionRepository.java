package dev.larder.backend.approval.repository;

import dev.larder.backend.approval.domain.Decision;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class DecisionRepository implements PanacheRepository<Decision> {

    public List<Decision> of(long requestId) {
        return list("requestId = ?1 order by id", requestId);
    }

    public Map<Long, List<Decision>> of(Collection<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return list("requestId in ?1 order by id", requestIds).stream()
                .collect(Collectors.groupingBy(decision -> decision.requestId));
    }
}
