-- Approval requests (four eyes on data changes, access grants and risky migrations) and the decisions on them.

-- One request per subject. subject_type is an open string: each subject type is registered by a bean in code
-- (dev.larder.backend.approval.service.ApprovalSubject), so a new kind of subject needs no schema change.
CREATE TABLE approval_requests (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    subject_type       VARCHAR(32)   NOT NULL,
    subject_id         BIGINT        NOT NULL,
    datastore_id       BIGINT        NOT NULL,
    team_id            BIGINT        NOT NULL,
    environment        VARCHAR(16)   NOT NULL,
    requested_by       VARCHAR(254)  NOT NULL,
    summary            VARCHAR(2000) NOT NULL,
    approvals_required INT           NOT NULL,
    admin_required     BOOLEAN       NOT NULL,
    -- The approver rules in force when the request was opened, e.g. owning-team,platform-admin,group:dba.
    approver_rules     VARCHAR(1000) NOT NULL,
    state              VARCHAR(20)   NOT NULL,
    expires_at         DATETIME(3)   NOT NULL,
    created_at         DATETIME(3)   NOT NULL,
    decided_at         DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_approval_requests_subject UNIQUE (subject_type, subject_id),
    CONSTRAINT fk_approval_requests_datastore FOREIGN KEY (datastore_id) REFERENCES datastores (id),
    CONSTRAINT fk_approval_requests_team FOREIGN KEY (team_id) REFERENCES teams (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_approval_requests_state ON approval_requests (state, expires_at);
CREATE INDEX ix_approval_requests_datastore ON approval_requests (datastore_id, id);

-- One decision per person per request: a second click finds its row and changes nothing.
CREATE TABLE approval_decisions (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    request_id BIGINT        NOT NULL,
    approver   VARCHAR(254)  NOT NULL,
    decision   VARCHAR(10)   NOT NULL,
    reason     VARCHAR(2000) NULL,
    as_admin   BOOLEAN       NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_approval_decisions_approver UNIQUE (request_id, approver),
    CONSTRAINT fk_approval_decisions_request FOREIGN KEY (request_id) REFERENCES approval_requests (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
