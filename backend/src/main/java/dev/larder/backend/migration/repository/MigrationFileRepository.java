package dev.larder.backend.migration.repository;

import dev.larder.backend.migration.domain.MigrationFileRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class MigrationFileRepository implements PanacheRepository<MigrationFileRecord> {

    /** The datastore's history: every file applied so far, oldest first. */
    public List<MigrationFileRecord> applied(long datastoreId) {
        return list("datastoreId = ?1 and appliedAt is not null order by id", datastoreId);
    }

    public List<MigrationFileRecord> ofMigration(long migrationId) {
        return list("migrationId = ?1 order by id", migrationId);
    }
}
