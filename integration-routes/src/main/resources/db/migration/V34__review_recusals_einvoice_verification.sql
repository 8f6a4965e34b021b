-- Issue 19: a member who recused themselves leaves the panel and is replaced by a substitute;
-- the row stays (with its declarations and any saved scores, which no longer count).
ALTER TABLE review_member ADD COLUMN recused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE review_member ADD COLUMN recused_reason VARCHAR(500);
ALTER TABLE review_member ADD COLUMN replaced_by INTEGER;

-- The closing record, signed as PAdES with the agency's review-records seal on first request.
ALTER TABLE review ADD COLUMN sealed_record BYTEA;
ALTER TABLE review ADD COLUMN sealed_at TIMESTAMP WITH TIME ZONE;

-- Issue 17: an e-invoice item keeps the left code's verification field (加密驗證資訊) and, when the
-- MoF e-invoice platform is asked, what it answered: CONFIRMED, NOT_FOUND, VOIDED, MISMATCH or
-- ERROR (a refusal of the query); NULL while not asked yet.
ALTER TABLE expense_item ADD COLUMN verification_field VARCHAR(24);
ALTER TABLE expense_item ADD COLUMN verification VARCHAR(12);
ALTER TABLE expense_item ADD COLUMN verification_detail VARCHAR(300);
ALTER TABLE expense_item ADD COLUMN verified_at TIMESTAMP WITH TIME ZONE;
