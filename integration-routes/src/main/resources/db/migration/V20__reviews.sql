-- External review panels (評選委員會, issue 19). A review moves DRAFT -> OPEN (members invited,
-- declaring, reading, checking in, scoring) -> SCORES_OPENED (the officer opened the sheets)
-- -> DECIDED (the committee's decision recorded) -> CLOSED (guests lose access).
CREATE TABLE review (
    id                VARCHAR(20)   PRIMARY KEY,
    case_number       VARCHAR(60)   NOT NULL,
    subject           VARCHAR(300)  NOT NULL,
    method            VARCHAR(20)   NOT NULL,
    pass_mark         NUMERIC(6,2),
    level             VARCHAR(40)   NOT NULL,
    officer           VARCHAR(100)  NOT NULL,
    meeting_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    closes_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    allow_download    BOOLEAN       NOT NULL,
    decision          VARCHAR(1000),
    decision_winner   INTEGER,
    approval_id       VARCHAR(20),
    record_sha256     VARCHAR(64),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at         TIMESTAMP WITH TIME ZONE,
    scores_opened_at  TIMESTAMP WITH TIME ZONE,
    decided_at        TIMESTAMP WITH TIME ZONE,
    closed_at         TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX review_case_number ON review (case_number);

CREATE TABLE review_candidate (
    review_id      VARCHAR(20)   NOT NULL REFERENCES review (id),
    id             INTEGER       NOT NULL,
    name           VARCHAR(200)  NOT NULL,
    -- The proposal in Files (view-only, watermarked with the reader's name).
    material_path  VARCHAR(1000),
    PRIMARY KEY (review_id, id)
);

CREATE TABLE review_criterion (
    review_id   VARCHAR(20)   NOT NULL REFERENCES review (id),
    id          INTEGER       NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    weight      NUMERIC(6,2)  NOT NULL,
    max_score   NUMERIC(7,2)  NOT NULL,
    PRIMARY KEY (review_id, id)
);

-- Guests: reviewers from outside the agency. Not staff, no department; they see only the
-- reviews they are members of, and stop working once all of those are closed.
CREATE TABLE review_guest (
    id               VARCHAR(20)   PRIMARY KEY,
    email            VARCHAR(254)  NOT NULL,
    display_name     VARCHAR(200)  NOT NULL,
    totp_secret      VARCHAR(400),
    totp_last_step   BIGINT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expired_at       TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX review_guest_email ON review_guest (email);

-- A member: a staff login (internal) or a guest (external). The code (委員 A, B, ...) is how
-- other members and the summary sheet name them.
CREATE TABLE review_member (
    review_id          VARCHAR(20)   NOT NULL REFERENCES review (id),
    id                 INTEGER       NOT NULL,
    code               VARCHAR(10)   NOT NULL,
    external           BOOLEAN       NOT NULL,
    login              VARCHAR(100),
    guest_id           VARCHAR(20)   REFERENCES review_guest (id),
    display_name       VARCHAR(200)  NOT NULL,
    -- Language of a guest's mail: zh-TW or en.
    locale             VARCHAR(20),
    declared_at        TIMESTAMP WITH TIME ZONE,
    checked_in_at      TIMESTAMP WITH TIME ZONE,
    check_in_mode      VARCHAR(10),
    submitted_at       TIMESTAMP WITH TIME ZONE,
    -- The member's MFA confirmation of the record: the hash they confirmed, when, how.
    confirmed_sha256   VARCHAR(64),
    confirmed_at       TIMESTAMP WITH TIME ZONE,
    confirmed_by       VARCHAR(30),
    PRIMARY KEY (review_id, id)
);
CREATE INDEX review_member_login ON review_member (login);
CREATE INDEX review_member_guest ON review_member (guest_id);

-- 利益迴避: one row per member and candidate, recorded with a fresh MFA step.
CREATE TABLE review_declaration (
    review_id     VARCHAR(20)   NOT NULL,
    member_id     INTEGER       NOT NULL,
    candidate_id  INTEGER       NOT NULL,
    conflict      BOOLEAN       NOT NULL,
    declared_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    mfa           VARCHAR(30)   NOT NULL,
    PRIMARY KEY (review_id, member_id, candidate_id),
    FOREIGN KEY (review_id, member_id) REFERENCES review_member (review_id, id)
);

-- A member's sheet, revisable until submitted: a score per criterion, or one rank (criterion 0).
CREATE TABLE review_score (
    review_id     VARCHAR(20)   NOT NULL,
    member_id     INTEGER       NOT NULL,
    candidate_id  INTEGER       NOT NULL,
    criterion_id  INTEGER       NOT NULL,
    score         NUMERIC(8,2)  NOT NULL,
    PRIMARY KEY (review_id, member_id, candidate_id, criterion_id),
    FOREIGN KEY (review_id, member_id) REFERENCES review_member (review_id, id)
);

-- One-time invitation links: only the SHA-256 of the token is kept.
CREATE TABLE review_invitation (
    token_sha256  VARCHAR(64)   PRIMARY KEY,
    review_id     VARCHAR(20)   NOT NULL,
    member_id     INTEGER       NOT NULL,
    guest_id      VARCHAR(20)   NOT NULL REFERENCES review_guest (id),
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (review_id, member_id) REFERENCES review_member (review_id, id)
);

-- E-mailed sign-in and confirmation codes: hashed, short-lived, used once, few tries.
CREATE TABLE review_guest_code (
    guest_id      VARCHAR(20)   NOT NULL REFERENCES review_guest (id),
    code_sha256   VARCHAR(64)   NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts      INTEGER       NOT NULL,
    PRIMARY KEY (guest_id)
);

-- Mail to guests (invitations, sign-in codes): persisted in the same transaction as what caused
-- it, sent by the review-mail route, retried with a doubling wait, FAILED after the last attempt
-- (and then in the dead-letter store). No secret is stored here: the link's token or the code is
-- made when the mail is sent (a retry makes a new one and the unsent one is void).
CREATE TABLE review_mail (
    id               VARCHAR(40)   PRIMARY KEY,
    kind             VARCHAR(12)   NOT NULL,
    guest_id         VARCHAR(20)   NOT NULL REFERENCES review_guest (id),
    review_id        VARCHAR(20),
    member_id        INTEGER,
    locale           VARCHAR(20)   NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX review_mail_due ON review_mail (status, next_attempt_at);
