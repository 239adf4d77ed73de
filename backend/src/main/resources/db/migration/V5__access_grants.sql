-- Time-boxed personal access to one datastore.

CREATE TABLE access_grants (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    datastore_id      BIGINT        NOT NULL,
    holder            VARCHAR(254)  NOT NULL,
    level             VARCHAR(10)   NOT NULL,
    duration_seconds  BIGINT        NOT NULL,
    reason            VARCHAR(2000) NOT NULL,
    ticket            VARCHAR(200)  NULL,
    state             VARCHAR(20)   NOT NULL,
    break_glass       BOOLEAN       NOT NULL DEFAULT FALSE,
    approval_id       BIGINT        NULL,
    login             VARCHAR(80)   NULL,
    -- The personal password, sealed; wiped once revealed and when the grant ends.
    secret_enc        VARCHAR(1000) NULL,
    reveal_token_hash CHAR(64)      NULL,
    reveal_expires_at DATETIME(3)   NULL,
    revealed_at       DATETIME(3)   NULL,
    revealed_by       VARCHAR(254)  NULL,
    expires_at        DATETIME(3)   NULL,
    activated_at      DATETIME(3)   NULL,
    reminded_at       DATETIME(3)   NULL,
    ended_at          DATETIME(3)   NULL,
    ended_by          VARCHAR(254)  NULL,
    end_reason        VARCHAR(2000) NULL,
    created_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_access_reveal UNIQUE (reveal_token_hash),
    CONSTRAINT fk_access_grants_datastore FOREIGN KEY (datastore_id) REFERENCES datastores (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_access_grants_due ON access_grants (state, expires_at);
CREATE INDEX ix_access_grants_datastore ON access_grants (datastore_id, id);
