-- Who may overwrite a file: reading it is not enough. Whoever first stored a file through the
-- workspace owns it; a write grant on a folder lets a person (login) or a group (department code)
-- overwrite every file below it; administrators may overwrite what they may read. A file with no
-- recorded owner (stored before this, or straight into Nextcloud) needs a grant or an
-- administrator.
CREATE TABLE file_owner (
    file_id         VARCHAR(100)  PRIMARY KEY,
    path            VARCHAR(1000) NOT NULL,
    owner           VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE file_write_grant (
    folder_id       VARCHAR(100)  NOT NULL,
    path            VARCHAR(1000) NOT NULL,
    -- PERSON or GROUP
    grantee_kind    VARCHAR(10)   NOT NULL,
    grantee         VARCHAR(100)  NOT NULL,
    granted_by      VARCHAR(100)  NOT NULL,
    granted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (folder_id, grantee_kind, grantee)
);
