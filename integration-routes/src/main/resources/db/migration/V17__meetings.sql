-- Hybrid meetings (issue 18): the meeting, who is invited, which room it holds, and the queue of
-- calendar invitations still to reach each attendee's CalDAV calendar.

-- One row per bookable room (from workspace.meetings.rooms); booking locks its row so two
-- overlapping bookings of a room are decided one after the other.
CREATE TABLE meeting_room (
    id              VARCHAR(64)   PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL
);

CREATE TABLE meeting (
    id              VARCHAR(40)   PRIMARY KEY,
    subject         VARCHAR(300)  NOT NULL,
    organizer       VARCHAR(100)  NOT NULL,
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    room_id         VARCHAR(64)   REFERENCES meeting_room (id),
    level           VARCHAR(32)   NOT NULL,
    -- SCHEDULED, CANCELLED
    status          VARCHAR(16)   NOT NULL,
    -- the iCalendar SEQUENCE: 0 when scheduled, one more on every change
    sequence        INTEGER       NOT NULL,
    video_backend   VARCHAR(32),
    video_room_url  VARCHAR(1000),
    reminded_at     TIMESTAMP WITH TIME ZONE,
    -- where the minutes (會議紀錄) were filed once the meeting ended
    minutes_path    VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX meeting_room_time ON meeting (room_id, starts_at);
CREATE INDEX meeting_starts ON meeting (status, starts_at);

CREATE TABLE meeting_attendee (
    meeting_id      VARCHAR(40)   NOT NULL REFERENCES meeting (id),
    login           VARCHAR(100)  NOT NULL,
    PRIMARY KEY (meeting_id, login)
);

-- One invitation per attendee and SEQUENCE: PENDING until written to the calendar (DELIVERED),
-- SUPERSEDED when a newer SEQUENCE was queued first, FAILED after the last attempt.
CREATE TABLE meeting_invitation (
    meeting_id      VARCHAR(40)   NOT NULL REFERENCES meeting (id),
    attendee        VARCHAR(100)  NOT NULL,
    sequence        INTEGER       NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (meeting_id, attendee, sequence)
);
CREATE INDEX meeting_invitation_due ON meeting_invitation (status, next_attempt_at);
