-- Remote attendance (issue 15): clock events, requests (correction, overtime, leave) decided
-- through the approvals registry, exported-month locks, reminder opt-outs and sent reminders.

-- One clock-in and one clock-out per person per working date (agency time zone), as recorded;
-- never edited: an approved correction is a request row that takes precedence when the day is
-- computed. Context is privacy-preserving: a network zone name, an optional consented
-- inside-area flag (coordinates are never stored) and a salted hash of the device.
CREATE TABLE attendance_clock (
    id              VARCHAR(36)   PRIMARY KEY,
    login           VARCHAR(100)  NOT NULL,
    work_date       DATE          NOT NULL,
    -- IN or OUT
    kind            VARCHAR(3)    NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- web, chat, api
    channel         VARCHAR(16)   NOT NULL,
    -- OFFICE, REMOTE, BUSINESS_TRIP
    work_mode       VARCHAR(16)   NOT NULL,
    network_zone    VARCHAR(64)   NOT NULL,
    inside_area     BOOLEAN,
    device_hash     VARCHAR(64),
    -- what the client sent to make retries idempotent (form token, chat event id, header)
    request_key     VARCHAR(100),
    CONSTRAINT attendance_clock_once UNIQUE (login, work_date, kind)
);
CREATE INDEX attendance_clock_date ON attendance_clock (work_date);

-- The one-line !clockin of V8 kept only who and when: carry the first of each person's Taipei
-- days over as a chat clock-in (zone unknown), then retire the table. The date goes through
-- TO_CHAR because H2 casts a zoned timestamp to a date in the JVM's zone, not in the zone it was
-- shifted to; both databases format the shifted value's own fields.
INSERT INTO attendance_clock (id, login, work_date, kind, recorded_at, channel, work_mode, network_zone)
    SELECT id, login, CAST(TO_CHAR(recorded_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD') AS DATE), 'IN',
           recorded_at, 'chat', 'OFFICE', 'unknown'
    FROM attendance_entry e
    WHERE recorded_at = (SELECT MIN(recorded_at) FROM attendance_entry f WHERE f.login = e.login
        AND TO_CHAR(f.recorded_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD')
            = TO_CHAR(e.recorded_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD'));
DROP TABLE attendance_entry;

-- A correction (補登), overtime (加班) or leave (請假) request and its decision, mirrored from the
-- approvals registry (approval_id) once the approver decided.
CREATE TABLE attendance_request (
    id              VARCHAR(36)   PRIMARY KEY,
    login           VARCHAR(100)  NOT NULL,
    -- CORRECTION, OVERTIME, LEAVE
    kind            VARCHAR(16)   NOT NULL,
    work_date       DATE          NOT NULL,
    -- CORRECTION: the clock kind (IN/OUT) and time asked for; OVERTIME and LEAVE: the period
    clock_kind      VARCHAR(3),
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at         TIMESTAMP WITH TIME ZONE,
    leave_type      VARCHAR(32),
    reason          VARCHAR(500)  NOT NULL,
    approval_id     VARCHAR(36)   NOT NULL,
    -- PENDING, APPROVED, REJECTED
    status          VARCHAR(16)   NOT NULL,
    decided_by      VARCHAR(100),
    decided_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX attendance_request_person ON attendance_request (login, work_date);
CREATE INDEX attendance_request_pending ON attendance_request (status);

-- A month exported by personnel: no request may change it any more.
CREATE TABLE attendance_month_lock (
    locked_month    CHAR(7)       PRIMARY KEY,
    locked_by       VARCHAR(100)  NOT NULL,
    locked_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- People who opted out of reminders.
CREATE TABLE attendance_reminder_opt_out (
    login           VARCHAR(100)  PRIMARY KEY,
    since           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Reminders already sent, so each is sent once (kind: NO_CLOCK_IN, NO_CLOCK_OUT).
CREATE TABLE attendance_reminder_sent (
    login           VARCHAR(100)  NOT NULL,
    work_date       DATE          NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (login, work_date, kind)
);

-- The salt device fingerprints are hashed with, made once per installation.
CREATE TABLE attendance_salt (
    id              INTEGER       PRIMARY KEY,
    salt            VARCHAR(64)   NOT NULL
);
