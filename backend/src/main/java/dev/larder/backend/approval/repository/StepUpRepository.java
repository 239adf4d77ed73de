package dev.larder.backend.approval.repository;

import dev.larder.backend.approval.domain.StepUp;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class StepUpRepository implements PanacheRepository<StepUp> {

    public Optional<StepUp> byTokenHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    /** Locked until the transaction ends, so two confirmations of one link cannot both pass. */
    public Optional<StepUp> lockByTokenHash(String hash) {
        return find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
