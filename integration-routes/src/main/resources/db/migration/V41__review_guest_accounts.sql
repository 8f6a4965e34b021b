-- Guests' accounts in the guest realm of Keycloak (issue 19), when the workspace runs with one:
-- what the account should be (ENABLED while the guest sits on an open review, DISABLED once all
-- its reviews closed), worked by the review-guest-accounts route, retried with a doubling wait,
-- FAILED after the last attempt (and then in the dead-letter store). A disabled account is
-- deleted after the configured retention (deleted_at set).
CREATE TABLE review_guest_account (
    guest_id         VARCHAR(20)   PRIMARY KEY REFERENCES review_guest (id),
    wanted           VARCHAR(10)   NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    keycloak_id      VARCHAR(64),
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    disabled_at      TIMESTAMP WITH TIME ZONE,
    deleted_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX review_guest_account_due ON review_guest_account (status, next_attempt_at);
CREATE UNIQUE INDEX review_guest_account_subject ON review_guest_account (keycloak_id);
