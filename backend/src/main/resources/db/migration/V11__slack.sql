-- Slack: where each approval request's message lives (so it is updated in place), which channels hear about a
-- datastore, and the one-time step-up links that let an approver confirm a chat decision with their own identity.

-- One message per approval request, in the owning team's approval channel.
CREATE TABLE slack_approval_messages (
    approval_id BIGINT       NOT NULL,
    channel     VARCHAR(32)  NOT NULL,
    ts          VARCHAR(32)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (approval_id),
    CONSTRAINT fk_slack_approval_messages_request FOREIGN KEY (approval_id) REFERENCES approval_requests (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A channel that hears the notices of one datastore (migrations, data changes, access).
CREATE TABLE slack_subscriptions (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    datastore_id BIGINT       NOT NULL,
    channel      VARCHAR(32)  NOT NULL,
    created_by   VARCHAR(254) NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_slack_subscriptions UNIQUE (datastore_id, channel),
    CONSTRAINT fk_slack_subscriptions_datastore FOREIGN KEY (datastore_id) REFERENCES datastores (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A one-time link for one person to confirm one decision. Only the token's SHA-256 is kept.
CREATE TABLE approval_step_ups (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    token_hash  CHAR(64)      NOT NULL,
    approval_id BIGINT        NOT NULL,
    member      VARCHAR(254)  NOT NULL,
    decision    VARCHAR(10)   NOT NULL,
    reason      VARCHAR(2000) NULL,
    created_at  DATETIME(3)   NOT NULL,
    expires_at  DATETIME(3)   NOT NULL,
    used_at     DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_approval_step_ups_token UNIQUE (token_hash),
    CONSTRAINT fk_approval_step_ups_request FOREIGN KEY (approval_id) REFERENCES approval_requests (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
