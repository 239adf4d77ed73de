-- Reviewed data changes and the before/after images that make them reversible.

CREATE TABLE data_changes (
    id                     BIGINT        NOT NULL AUTO_INCREMENT,
    datastore_id           BIGINT        NOT NULL,
    state                  VARCHAR(20)   NOT NULL,
    statements             MEDIUMTEXT    NOT NULL,
    reason                 VARCHAR(2000) NOT NULL,
    ticket                 VARCHAR(200)  NULL,
    requested_by           VARCHAR(254)  NOT NULL,
    channel                VARCHAR(20)   NOT NULL,
    command_id             VARCHAR(100)  NULL,
    plan                   MEDIUMTEXT    NULL,
    findings               MEDIUMTEXT    NULL,
    estimated_rows         BIGINT        NOT NULL DEFAULT 0,
    admin_required         BOOLEAN       NOT NULL DEFAULT FALSE,
    approval_id            BIGINT        NULL,
    affected_rows          TEXT          NULL,
    longest_transaction_ms BIGINT        NULL,
    transactions           INT           NULL,
    failure                TEXT          NULL,
    failed_statement       MEDIUMTEXT    NULL,
    rollback_of            BIGINT        NULL,
    rolled_back_by         BIGINT        NULL,
    executed_by            VARCHAR(254)  NULL,
    created_at             DATETIME(3)   NOT NULL,
    decided_at             DATETIME(3)   NULL,
    started_at             DATETIME(3)   NULL,
    finished_at            DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_data_changes_command UNIQUE (command_id),
    CONSTRAINT fk_data_changes_datastore FOREIGN KEY (datastore_id) REFERENCES datastores (id),
    CONSTRAINT fk_data_changes_rollback_of FOREIGN KEY (rollback_of) REFERENCES data_changes (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_data_changes_datastore ON data_changes (datastore_id, id);

-- One row per unit of work (a whole small change, or one chunk of a large statement), written before the tenant
-- transaction commits: the rows as they were and as they became.
CREATE TABLE data_change_images (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    data_change_id BIGINT       NOT NULL,
    statement_no   INT          NOT NULL,
    chunk_no       INT          NOT NULL,
    table_name     VARCHAR(64)  NOT NULL,
    row_count      INT          NOT NULL,
    image          LONGTEXT     NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_data_change_images_change FOREIGN KEY (data_change_id) REFERENCES data_changes (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_data_change_images_change ON data_change_images (data_change_id, id);
