-- The files' trash: a deleted file or folder is moved in the store to /.trash/<id>/<name> (a
-- folder the listings and searches hide), and recorded here so its deleter (or an
-- administrator) can restore it to where it was. The label goes with it, as on any move.
CREATE TABLE file_trash (
    id              VARCHAR(36)   PRIMARY KEY,
    original_path   VARCHAR(1000) NOT NULL,
    trash_path      VARCHAR(1000) NOT NULL,
    folder          BOOLEAN       NOT NULL,
    level           VARCHAR(40)   NOT NULL,
    reason          VARCHAR(500),
    deleted_by      VARCHAR(100)  NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    restored_by     VARCHAR(100),
    restored_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX file_trash_deleted_by ON file_trash (deleted_by, deleted_at);
