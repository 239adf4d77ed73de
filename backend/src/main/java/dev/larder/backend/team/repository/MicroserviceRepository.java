package dev.larder.backend.team.repository;

import dev.larder.backend.team.domain.Microservice;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class MicroserviceRepository implements PanacheRepository<Microservice> {

    public Optional<Microservice> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
