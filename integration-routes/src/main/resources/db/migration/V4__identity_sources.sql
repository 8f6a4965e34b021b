-- Where each pulling identity source (Syncope) has read up to: the change date and user name of
-- the last record taken, in the order the source sorts them. Polling resumes after it.
CREATE TABLE identity_source_cursor (
    source          VARCHAR(32)   PRIMARY KEY,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_username   VARCHAR(255)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per reconciliation run: what drift it found and what it repaired.
CREATE TABLE identity_reconciliation (
    id              VARCHAR(36)   PRIMARY KEY,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    dry_run         BOOLEAN       NOT NULL,
    requested_by    VARCHAR(100)  NOT NULL,
    drift_count     INTEGER       NOT NULL,
    repaired_count  INTEGER       NOT NULL,
    report          TEXT          NOT NULL
);
CREATE INDEX identity_reconciliation_started ON identity_reconciliation (started_at);
