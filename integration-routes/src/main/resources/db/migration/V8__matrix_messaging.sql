-- Matrix chat (issue 6): what the homeserver pushed to the application service, and the generic
-- approvals and attendance entries that chat commands act on.

-- Each application-service transaction id the homeserver sent, so a retried one is a no-op.
CREATE TABLE chat_transaction (
    txn_id          VARCHAR(255)  PRIMARY KEY,
    event_count     INTEGER       NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every event of those transactions, stored before the homeserver gets its 200. Commands are
-- processed from here (PENDING -> DONE or FAILED); other events are IGNORED, unreadable ones
-- MALFORMED with their raw text kept for an operator.
CREATE TABLE chat_event (
    event_id        VARCHAR(255)  PRIMARY KEY,
    txn_id          VARCHAR(255)  NOT NULL,
    room_id         VARCHAR(255),
    sender          VARCHAR(255),
    event_type      VARCHAR(255),
    body            VARCHAR(4000),
    status          VARCHAR(16)   NOT NULL,
    error           VARCHAR(2000),
    raw             TEXT,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX chat_event_pending ON chat_event (status, received_at);

-- Something waiting for a decision by someone holding approver_role; workflows create them,
-- people decide in the workspace or in chat (!approve / !reject).
CREATE TABLE approval (
    id              VARCHAR(36)   PRIMARY KEY,
    kind            VARCHAR(64)   NOT NULL,
    subject         VARCHAR(300)  NOT NULL,
    link            VARCHAR(1000),
    requester       VARCHAR(100)  NOT NULL,
    approver_role   VARCHAR(100)  NOT NULL,
    -- PENDING, APPROVED, REJECTED
    status          VARCHAR(16)   NOT NULL,
    decided_by      VARCHAR(100),
    decided_at      TIMESTAMP WITH TIME ZONE,
    reason          VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX approval_pending ON approval (status, approver_role);

-- A clock-in recorded from chat (!clockin): who and when, nothing about where.
CREATE TABLE attendance_entry (
    id              VARCHAR(36)   PRIMARY KEY,
    login           VARCHAR(100)  NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    source          VARCHAR(32)   NOT NULL
);
