-- Issue 12 item 10: the audit chain is keyed (HMAC-SHA256 with a key outside the database) from
-- a cut-over position on, and anchored outside the database (operator guide, "Audit trail").
-- Plain SQL that runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- The position of the first keyed row (an audit.chain.keyed event); null until the workspace
-- first starts with a key. Rows before it keep their SHA-256 hashes. Every anchor repeats it,
-- so moving it is seen by audit verify.
ALTER TABLE audit_chain_head ADD COLUMN keyed_from BIGINT;
