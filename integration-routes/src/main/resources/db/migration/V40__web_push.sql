-- Web Push as one more channel (issue 23): each person's devices, which notices they want pushed,
-- and every push a push service accepted, so a retried or replayed message is not pushed twice.

-- One browser's subscription; the endpoint is a capability URL of the push service.
CREATE TABLE push_subscription (
    id              VARCHAR(32)   PRIMARY KEY,
    username        VARCHAR(64)   NOT NULL,
    endpoint        VARCHAR(2048) NOT NULL,
    p256dh          VARCHAR(100)  NOT NULL,
    auth            VARCHAR(40)   NOT NULL,
    device          VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_pushed_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX push_subscription_endpoint ON push_subscription (endpoint);
CREATE INDEX push_subscription_username ON push_subscription (username);

-- Which notices go to push; no row means all three.
CREATE TABLE push_setting (
    username        VARCHAR(64)   PRIMARY KEY,
    approvals       BOOLEAN       NOT NULL,
    reminders       BOOLEAN       NOT NULL,
    incidents       BOOLEAN       NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per message a push service accepted for one subscription.
CREATE TABLE push_delivery (
    push_id         VARCHAR(200)  NOT NULL,
    subscription_id VARCHAR(32)   NOT NULL,
    pushed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (push_id, subscription_id)
);
