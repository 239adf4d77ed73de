-- Schema migrations shipped by CI, the files Larder applied, and the transactional outbox.

CREATE TABLE migrations (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    datastore_id    BIGINT        NOT NULL,
    command_id      VARCHAR(100)  NULL,
    state           VARCHAR(20)   NOT NULL,
    stage           VARCHAR(20)   NULL,
    channel         VARCHAR(20)   NOT NULL,
    requested_by    VARCHAR(254)  NOT NULL,
    ci_system       VARCHAR(100)  NULL,
    ci_run_url      VARCHAR(1000) NULL,
    ci_commit       VARCHAR(100)  NULL,
    versions        TEXT          NOT NULL,
    applied         TEXT          NULL,
    findings        MEDIUMTEXT    NULL,
    failure         MEDIUMTEXT    NULL,
    cluster_results TEXT          NULL,
    created_at      DATETIME(3)   NOT NULL,
    started_at      DATETIME(3)   NULL,
    finished_at     DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_migrations_command UNIQUE (command_id),
    CONSTRAINT fk_migrations_datastore FOREIGN KEY (datastore_id) REFERENCES datastores (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_migrations_datastore ON migrations (datastore_id, id);

-- Every file of a bundle, as received; applied_at is set when the bundle succeeded on every cluster.
CREATE TABLE migration_files (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    migration_id BIGINT       NOT NULL,
    datastore_id BIGINT       NOT NULL,
    version      VARCHAR(50)  NOT NULL,
    file_name    VARCHAR(200) NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    content      MEDIUMTEXT   NOT NULL,
    applied_at   DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_migration_files_migration FOREIGN KEY (migration_id) REFERENCES migrations (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_migration_files_applied ON migration_files (datastore_id, applied_at);

-- Events waiting to be published. A row is written in the same transaction as the state change it reports.
CREATE TABLE outbox_events (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    event_id     VARCHAR(200) NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    message_key  VARCHAR(200) NOT NULL,
    type         VARCHAR(200) NOT NULL,
    payload      MEDIUMTEXT   NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    published_at DATETIME(3)  NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    last_error   VARCHAR(1000) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_outbox_pending ON outbox_events (published_at, id);

-- One row: whoever locks it relays, so events leave in the order they were written even with many replicas.
CREATE TABLE outbox_relay_lock (
    id INT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO outbox_relay_lock (id) VALUES (1);
