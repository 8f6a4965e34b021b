-- A local account enrols its authenticator app only with a one-time enrolment code issued to
-- that person (stored as a SHA-256 digest) before it expires; the shared first password alone
-- no longer lets whoever signs in first bind their own device.
ALTER TABLE local_account ADD COLUMN enrolment_code_hash VARCHAR(64);
ALTER TABLE local_account ADD COLUMN enrolment_code_expires_at TIMESTAMP WITH TIME ZONE;
