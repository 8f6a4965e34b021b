-- File versions keep the label they had (issue 23, attacker's review): a version is judged and
-- marked by the higher of its own label and the file's current one, never by the current one
-- alone. Rows kept before this have no label and are treated as the highest level (fail closed).
ALTER TABLE file_version ADD COLUMN file_id VARCHAR(100);
ALTER TABLE file_version ADD COLUMN label_level VARCHAR(32);
ALTER TABLE file_version ADD COLUMN label_json TEXT;

-- A copy made of a kept version names that version, not the file's current content.
ALTER TABLE file_copy ADD COLUMN version_id VARCHAR(36);
