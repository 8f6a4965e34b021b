-- Classification labels of files and folders, kept by the store's file id (Nextcloud's
-- oc:fileid) so a file keeps its label when moved. A folder's label is the default of the files
-- inside it. The label itself is JSON (level, reason, classifier, declassification, readers).
CREATE TABLE file_label (
    file_id         VARCHAR(100)  PRIMARY KEY,
    path            VARCHAR(1000) NOT NULL,
    folder          BOOLEAN       NOT NULL,
    level           VARCHAR(32)   NOT NULL,
    label           TEXT          NOT NULL,
    version         BIGINT        NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(100)  NOT NULL
);

-- Every label change, applied or waiting: a downgrade waits for a second person's approval.
CREATE TABLE file_label_change (
    id              VARCHAR(36)   PRIMARY KEY,
    file_id         VARCHAR(100)  NOT NULL,
    path            VARCHAR(1000) NOT NULL,
    from_level      VARCHAR(32),
    to_level        VARCHAR(32)   NOT NULL,
    label           TEXT          NOT NULL,
    -- APPLIED, PENDING_APPROVAL, REJECTED
    status          VARCHAR(20)   NOT NULL,
    requested_by    VARCHAR(100)  NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by      VARCHAR(100),
    decided_at      TIMESTAMP WITH TIME ZONE,
    decision_note   VARCHAR(500)
);
CREATE INDEX file_label_change_file ON file_label_change (file_id, requested_at);
CREATE INDEX file_label_change_status ON file_label_change (status);

-- The copy register: every copy of a labelled file that left the workspace (download, preview,
-- bundle), numbered per file, with the delivery id its invisible fingerprint carries.
CREATE TABLE file_copy (
    delivery_id     VARCHAR(36)   PRIMARY KEY,
    file_id         VARCHAR(100)  NOT NULL,
    copy_number     INTEGER       NOT NULL,
    path            VARCHAR(1000) NOT NULL,
    level           VARCHAR(32)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    recipient       VARCHAR(100)  NOT NULL,
    file_etag       VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT file_copy_number_unique UNIQUE (file_id, copy_number)
);
