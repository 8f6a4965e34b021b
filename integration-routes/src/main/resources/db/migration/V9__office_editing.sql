-- Office editing (Collabora Online over WOPI, ONLYOFFICE Docs API).

-- WOPI file ids: stable, URL-safe ids the editors use, mapped to where the file is now. The id is
-- the store's file id when first opened and stays the file's WOPI id after a rename.
-- path_key is the path's digest (FilePath.digest): a CJK path of 1,000 characters is too long
-- for a PostgreSQL index entry.
CREATE TABLE office_file (
    file_id         VARCHAR(100)  PRIMARY KEY,
    path            VARCHAR(1000) NOT NULL,
    path_key        VARCHAR(32)   NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX office_file_path ON office_file (path_key);

-- WOPI locks: at most one per file, not bound to a user, gone 30 minutes after the last
-- Lock or RefreshLock.
CREATE TABLE office_lock (
    file_id         VARCHAR(100)  PRIMARY KEY,
    lock_id         VARCHAR(1024) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by       VARCHAR(100)  NOT NULL
);

-- One editing session: one person opening one file in one editor, from launch to close.
CREATE TABLE office_session (
    id              VARCHAR(36)   PRIMARY KEY,
    file_id         VARCHAR(100)  NOT NULL,
    login           VARCHAR(100)  NOT NULL,
    editor          VARCHAR(20)   NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX office_session_file ON office_session (file_id, opened_at);

-- ONLYOFFICE document keys: which file and version a key was handed out for, and the version
-- the key's last save produced (the next save of the same key replaces that one).
CREATE TABLE office_document_key (
    doc_key         VARCHAR(128)  PRIMARY KEY,
    file_id         VARCHAR(100)  NOT NULL,
    etag            VARCHAR(200)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- ONLYOFFICE callbacks handled, so a replayed one (same key, status and url) is not saved twice.
CREATE TABLE office_callback (
    doc_key         VARCHAR(128)  NOT NULL,
    status          INTEGER       NOT NULL,
    url_digest      VARCHAR(64)   NOT NULL,
    outcome         VARCHAR(40)   NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (doc_key, status, url_digest)
);
