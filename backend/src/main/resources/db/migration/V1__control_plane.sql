-- Larder control plane. Portable between MariaDB 10.11 and MySQL 8 / Aurora MySQL:
-- IDENTITY ids, InnoDB, utf8mb4, no vendor-only syntax.

CREATE TABLE teams (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    name             VARCHAR(63)  NOT NULL,
    display_name     VARCHAR(200) NOT NULL,
    approval_channel VARCHAR(80)  NULL,
    created_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_teams_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE members (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    email          VARCHAR(254) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    slack_user_id  VARCHAR(32)  NULL,
    created_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_members_email UNIQUE (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE member_teams (
    member_id BIGINT NOT NULL,
    team_id   BIGINT NOT NULL,
    PRIMARY KEY (member_id, team_id),
    CONSTRAINT fk_member_teams_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_teams_team FOREIGN KEY (team_id) REFERENCES teams (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE services (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(30)  NOT NULL,
    team_id     BIGINT       NOT NULL,
    system_name VARCHAR(63)  NULL,
    description VARCHAR(500) NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_services_name UNIQUE (name),
    CONSTRAINT fk_services_team FOREIGN KEY (team_id) REFERENCES teams (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE clusters (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    name               VARCHAR(63)   NOT NULL,
    kind               VARCHAR(16)   NOT NULL,
    host               VARCHAR(253)  NOT NULL,
    port               INT           NOT NULL,
    admin_user         VARCHAR(80)   NOT NULL,
    admin_password_enc VARCHAR(1000) NOT NULL,
    environment        VARCHAR(16)   NOT NULL,
    replication_group  VARCHAR(63)   NULL,
    created_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_clusters_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_clusters_group ON clusters (replication_group);

CREATE TABLE datastores (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    kind              VARCHAR(16)   NOT NULL,
    name              VARCHAR(30)   NOT NULL,
    service_id        BIGINT        NOT NULL,
    environment       VARCHAR(16)   NOT NULL,
    cluster_id        BIGINT        NULL,
    replication_group VARCHAR(63)   NULL,
    physical_name     VARCHAR(64)   NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    failure_reason    VARCHAR(1000) NULL,
    -- Set while the datastore holds its physical name (until DECOMMISSIONED); NULL after, so the
    -- unique key lets a decommissioned name be taken again.
    active_key        VARCHAR(200)  NULL,
    created_by        VARCHAR(254)  NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    decommissioned_at DATETIME(3)   NULL,
    drop_after        DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_datastores_active UNIQUE (active_key),
    CONSTRAINT fk_datastores_service FOREIGN KEY (service_id) REFERENCES services (id),
    CONSTRAINT fk_datastores_cluster FOREIGN KEY (cluster_id) REFERENCES clusters (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_datastores_state ON datastores (state, updated_at);

CREATE TABLE credentials (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    datastore_id     BIGINT        NOT NULL,
    username         VARCHAR(80)   NOT NULL,
    secret_enc       VARCHAR(1000) NOT NULL,
    version          INT           NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    rotated_at       DATETIME(3)   NULL,
    revoked_at       DATETIME(3)   NULL,
    last_revealed_at DATETIME(3)   NULL,
    last_revealed_by VARCHAR(254)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_credentials_datastore UNIQUE (datastore_id),
    CONSTRAINT fk_credentials_datastore FOREIGN KEY (datastore_id) REFERENCES datastores (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE audit_events (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    seq            BIGINT       NOT NULL,
    occurred_at    DATETIME(3)  NOT NULL,
    actor          VARCHAR(254) NOT NULL,
    action         VARCHAR(80)  NOT NULL,
    target_type    VARCHAR(40)  NOT NULL,
    target_id      VARCHAR(120) NOT NULL,
    channel        VARCHAR(20)  NOT NULL,
    correlation_id VARCHAR(64)  NOT NULL,
    details        TEXT         NOT NULL,
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_audit_events_seq UNIQUE (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_audit_target ON audit_events (target_type, target_id);
CREATE INDEX ix_audit_actor ON audit_events (actor);

-- One row: the head of the hash chain. Appending locks it, so events chain in commit order.
CREATE TABLE audit_chain_head (
    id   INT      NOT NULL,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE idempotency_keys (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    actor         VARCHAR(254) NOT NULL,
    idem_key      VARCHAR(200) NOT NULL,
    method        VARCHAR(10)  NOT NULL,
    path          VARCHAR(500) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    status        INT          NULL,
    content_type  VARCHAR(100) NULL,
    response_body MEDIUMTEXT   NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_idempotency UNIQUE (actor, idem_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
