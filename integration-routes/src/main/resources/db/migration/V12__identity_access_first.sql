-- A change that removes access (a leave, an inactive update, lower clearance, fewer roles) is
-- revoked in every app first, on its own, before and apart from the ordered account upkeep: its
-- revocation steps are identity_step rows whose target ends in '#access'.
ALTER TABLE identity_change ADD COLUMN reduces_access BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE identity_change SET reduces_access = TRUE WHERE kind = 'LEAVE';
CREATE INDEX identity_change_revocation ON identity_change (status, reduces_access, seq);
