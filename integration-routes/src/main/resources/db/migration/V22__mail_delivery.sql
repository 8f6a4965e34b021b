-- Mail as a delivery channel (issue 20): each person's choice of channel, and every mail handed
-- to the SMTP server, so a retried or replayed message is not mailed twice.

-- chat, mail or inbox; no row means the default (workspace.messaging.default-preference).
CREATE TABLE delivery_preference (
    username        VARCHAR(64)   PRIMARY KEY,
    channel         VARCHAR(16)   NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per mail the server accepted; mail_id is also the source of its Message-ID header.
CREATE TABLE mail_delivery (
    mail_id         VARCHAR(200)  PRIMARY KEY,
    username        VARCHAR(64)   NOT NULL,
    full_text       BOOLEAN       NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
