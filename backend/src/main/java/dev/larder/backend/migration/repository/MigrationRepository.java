package dev.larder.backend.migration.repository;

import dev.larder.backend.migration.domain.Migration;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class MigrationRepository implements PanacheRepository<Migration> {

    public Optional<Migration> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(Migration.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Migration> findByCommandId(String commandId) {
        return find("commandId", commandId).firstResultOptional();
    }
}
