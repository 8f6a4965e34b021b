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
