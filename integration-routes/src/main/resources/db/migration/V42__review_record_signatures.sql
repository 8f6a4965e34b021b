-- The record (評選紀錄) signed by the members themselves (issue 19, item 5).
-- record_pdf: the frozen record as generated after the decision, then each member's signature
-- appended as an incremental revision; record_pdf_sha256 the hash of the bytes as last accepted
-- (checked before every signature: a stored record that differs is tampered with).
-- record_frozen_sha256/length: the generated, unsigned bytes every later version must start with.
ALTER TABLE review ADD COLUMN record_pdf BYTEA;
ALTER TABLE review ADD COLUMN record_pdf_sha256 VARCHAR(64);
ALTER TABLE review ADD COLUMN record_frozen_sha256 VARCHAR(64);
ALTER TABLE review ADD COLUMN record_frozen_length INTEGER;
ALTER TABLE review ADD COLUMN record_final_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE review_record_signature (
    review_id          VARCHAR(20) NOT NULL REFERENCES review (id),
    member_id          INTEGER NOT NULL,
    seq                INTEGER NOT NULL,
    signed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    certificate_serial VARCHAR(64) NOT NULL,
    signed_sha256      VARCHAR(64) NOT NULL,
    mfa                VARCHAR(30) NOT NULL,
    PRIMARY KEY (review_id, member_id),
    UNIQUE (review_id, seq)
);
