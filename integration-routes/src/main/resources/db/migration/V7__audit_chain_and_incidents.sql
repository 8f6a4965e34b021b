-- Issue 5: the audit trail becomes a hash chain, shipped to Elasticsearch from a cursor.
-- Plain SQL that runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- Chain position and hashes of every audit row (operator guide, "Audit trail"). Rows written
-- before this migration have no position yet; the workspace adopts them into the chain at its
-- first start after the upgrade (AuditChainAdoption), oldest first.
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN hash VARCHAR(64);
-- ECS tags set by the store: truncated (a field was cut to its column), parse_error (a source
-- event that could not be read, kept with its raw text).
ALTER TABLE audit_event ADD COLUMN tags VARCHAR(200);
CREATE UNIQUE INDEX audit_event_chain ON audit_event (chain_seq);

-- The single chain head. Appends lock it (SELECT ... FOR UPDATE) in their own transaction, so
-- concurrent writers are serialized and positions follow commit order: a cursor on chain_seq
-- never skips a row that commits late.
CREATE TABLE audit_chain_head (
    id          INTEGER      PRIMARY KEY,
    seq         BIGINT       NOT NULL,
    hash        VARCHAR(64)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Genesis: position 0, a hash of 64 zeros; the first row links to it.
INSERT INTO audit_chain_head (id, seq, hash, updated_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', CURRENT_TIMESTAMP);

-- Cursors of the consumers that read the chain in order (Elasticsearch shipping, detection,
-- Keycloak event polling): the last position or time they have fully handled.
CREATE TABLE audit_cursor (
    name        VARCHAR(100)  PRIMARY KEY,
    position    BIGINT        NOT NULL,
    extra       VARCHAR(4000),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Security incidents raised by the detection rules; one open incident per rule and entity.
CREATE TABLE security_incident (
    id              VARCHAR(36)   PRIMARY KEY,
    rule_id         VARCHAR(100)  NOT NULL,
    severity        VARCHAR(16)   NOT NULL,
    entity          VARCHAR(300)  NOT NULL,
    dedup_key       VARCHAR(450)  NOT NULL,
    title           VARCHAR(300)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    assignee        VARCHAR(200),
    resolution      VARCHAR(2000),
    first_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    evidence        TEXT,
    timeline        TEXT
);
CREATE INDEX security_incident_status ON security_incident (status, last_seen);
CREATE INDEX security_incident_dedup ON security_incident (dedup_key, status);
