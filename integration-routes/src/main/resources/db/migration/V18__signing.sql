-- Official-document signing (issue 16): certificates the agency CA revoked, listed in the CRL the
-- workspace publishes at /signing/crl/agency.crl.
CREATE TABLE signing_revocation (
    serial          VARCHAR(64)   PRIMARY KEY,
    revoked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- UNSPECIFIED, KEY_COMPROMISE, AFFILIATION_CHANGED, SUPERSEDED, CESSATION_OF_OPERATION
    reason          VARCHAR(32)   NOT NULL,
    revoked_by      VARCHAR(100)  NOT NULL
);
