package dev.larder.backend.datachange.repository;

import dev.larder.backend.datachange.domain.DataChange;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class DataChangeRepository implements PanacheRepository<DataChange> {

    public Optional<DataChange> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(DataChange.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<DataChange> findByCommandId(String commandId) {
        return find("commandId", commandId).firstResultOptional();
    }
}
