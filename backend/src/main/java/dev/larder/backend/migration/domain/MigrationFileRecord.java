package dev.larder.backend.migration.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A file of a bundle as received. Once its bundle succeeded on every cluster, {@code appliedAt} is set: the applied
 * files are the datastore's history, used to detect drift and to rebuild a shadow copy.
 */
@Entity
@Table(name = "migration_files")
public class MigrationFileRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "migration_id")
    public Long migrationId;

    @Column(name = "datastore_id")
    public Long datastoreId;

    public String version;

    @Column(name = "file_name")
    public String fileName;

    public String sha256;

    public String content;

    @Column(name = "applied_at")
    public Instant appliedAt;
}
