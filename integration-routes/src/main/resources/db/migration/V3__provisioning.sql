-- One row per change and target app: where applying an identity change to that app stands.
CREATE TABLE identity_step (
    change_seq      BIGINT        NOT NULL REFERENCES identity_change (seq),
    target          VARCHAR(32)   NOT NULL,
    -- PENDING: to do (or being retried); DONE; FAILED: given up, waiting in the dead-letter store
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    last_error      VARCHAR(2000),
    finished_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (change_seq, target)
);
