package dev.larder.backend.cluster.repository;

import dev.larder.backend.cluster.domain.Cluster;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ClusterRepository implements PanacheRepository<Cluster> {

    public Optional<Cluster> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Cluster> inGroup(String group) {
        return list("replicationGroup = ?1 order by name", group);
    }

    public List<Cluster> candidates(String kind, String environment) {
        return list("kind = ?1 and environment = ?2 order by name", kind, environment);
    }
}
