-- Issue 18, after the meeting: action items sent from the minutes, one row per item (its key is
-- a hash of its text and owner, so sending again sends only new items); an item that needed a
-- decision points to its request in the approvals registry.
CREATE TABLE meeting_action (
    meeting_id      VARCHAR(40)   NOT NULL REFERENCES meeting (id),
    item_key        VARCHAR(32)   NOT NULL,
    item            VARCHAR(500)  NOT NULL,
    owner           VARCHAR(100)  NOT NULL,
    due             DATE,
    decision_by     VARCHAR(100),
    approval_id     VARCHAR(16),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (meeting_id, item_key)
);

-- Who the video service reported in a meeting (BigBlueButton's getMeetingInfo, sampled while it
-- runs): the first and last time each invited person was seen.
CREATE TABLE meeting_presence (
    meeting_id      VARCHAR(40)   NOT NULL REFERENCES meeting (id),
    login           VARCHAR(100)  NOT NULL,
    first_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (meeting_id, login)
);

-- The PIN the video service published for room systems and phones to join the meeting with.
ALTER TABLE meeting ADD COLUMN dial_in_pin VARCHAR(16);
