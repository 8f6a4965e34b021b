-- Issue 19: a member who recused themselves leaves the panel and is replaced by a substitute;
-- the row stays (with its declarations and any saved scores, which no longer count).
ALTER TABLE review_member ADD COLUMN recused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE review_member ADD COLUMN recused_reason VARCHAR(500);
ALTER TABLE review_member ADD COLUMN replaced_by INTEGER;

-- The closing record, signed as PAdES with the agency's review-records seal on first request.
ALTER TABLE review ADD COLUMN sealed_record BYTEA;
ALTER TABLE review ADD COLUMN sealed_at TIMESTAMP WITH TIME ZONE;
