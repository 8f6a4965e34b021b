-- What the demo agency's sample content seeder has put in (issue 23): one row per item, so a
-- second start seeds nothing new.
CREATE TABLE demo_content (
    item VARCHAR(200) PRIMARY KEY,
    seeded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
