package org.agencyworkspace.files.editing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.agencyworkspace.connector.FilePath;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The editing tables: WOPI file ids, WOPI locks, editing sessions, ONLYOFFICE document keys and
 * the ONLYOFFICE callbacks already handled.
 */
@Repository
public class OfficeRecords {

    /**
     * A WOPI lock as it stands.
     *
     * @param lockId the editor's lock id
     * @param expiresAt when it lapses unless refreshed
     */
    public record Lock(String lockId, Instant expiresAt) {
    }

    /**
     * An editing session.
     *
     * @param id the session
     * @param fileId the WOPI file id
     * @param login who opened it
     * @param editor which editor
     * @param closed whether it was closed
     */
    public record Session(String id, String fileId, String login, EditorKind editor, boolean closed) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public OfficeRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The WOPI id of the file at {@code path}, given {@code storeId} when it has none yet. */
    public synchronized String fileIdFor(FilePath path, String storeId) {
        Optional<String> known = jdbc.sql("SELECT file_id FROM office_file WHERE path_key = :key")
                .param("key", path.digest()).query(String.class).optional();
        if (known.isPresent()) {
            return known.get();
        }
        // The store's id may belong to a file that was at another path (renamed outside the
        // editor): it then moves with the file.
        if (!moved(storeId, path)) {
            jdbc.sql("INSERT INTO office_file (file_id, path, path_key, updated_at) VALUES (:id, :path, :key, :now)")
                    .param("id", storeId).param("path", path.toString()).param("key", path.digest())
                    .param("now", now()).update();
        }
        return storeId;
    }

    public Optional<FilePath> pathOf(String fileId) {
        return jdbc.sql("SELECT path FROM office_file WHERE file_id = :id").param("id", fileId)
                .query(String.class).optional().map(FilePath::of);
    }

    /** Records that the file is now at {@code to}; false when the id is not known. */
    public boolean moved(String fileId, FilePath to) {
        return jdbc.sql("UPDATE office_file SET path = :path, path_key = :key, updated_at = :now WHERE file_id = :id")
                .param("path", to.toString()).param("key", to.digest()).param("now", now())
                .param("id", fileId).update() == 1;
    }

    /** The file's lock, when there is one that has not lapsed. */
    public Optional<Lock> lock(String fileId) {
        return jdbc.sql("SELECT lock_id, expires_at FROM office_lock WHERE file_id = :id AND expires_at > :now")
                .param("id", fileId).param("now", now())
                .query((row, index) -> new Lock(row.getString("lock_id"),
                        row.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Sets or renews the lock for {@code expiry} from now (any lapsed lock is replaced). */
    public void putLock(String fileId, String lockId, String by, Duration expiry) {
        OffsetDateTime expires = clock.instant().plus(expiry).atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE office_lock SET lock_id = :lock, expires_at = :expires, locked_by = :by WHERE file_id = :id")
                .param("lock", lockId).param("expires", expires).param("by", by).param("id", fileId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO office_lock (file_id, lock_id, expires_at, locked_by) VALUES (:id, :lock, :expires, :by)")
                    .param("id", fileId).param("lock", lockId).param("expires", expires).param("by", by).update();
        }
    }

    public void removeLock(String fileId) {
        jdbc.sql("DELETE FROM office_lock WHERE file_id = :id").param("id", fileId).update();
    }

    public void openSession(String id, String fileId, String login, EditorKind editor) {
        jdbc.sql("INSERT INTO office_session (id, file_id, login, editor, opened_at) VALUES (:id, :file, :login, :editor, :now)")
                .param("id", id).param("file", fileId).param("login", login).param("editor", editor.name())
                .param("now", now()).update();
    }

    public Optional<Session> session(String id) {
        return jdbc.sql("SELECT id, file_id, login, editor, closed_at FROM office_session WHERE id = :id")
                .param("id", id)
                .query((row, index) -> new Session(row.getString("id"), row.getString("file_id"),
                        row.getString("login"), EditorKind.valueOf(row.getString("editor")),
                        row.getObject("closed_at") != null))
                .optional();
    }

    /** Marks the session closed; false when it already was. */
    public boolean closeSession(String id) {
        return jdbc.sql("UPDATE office_session SET closed_at = :now WHERE id = :id AND closed_at IS NULL")
                .param("now", now()).param("id", id).update() == 1;
    }

    /** Marks every open session of the file in this editor closed; returns how many. */
    public int closeSessions(String fileId, EditorKind editor) {
        return jdbc.sql("UPDATE office_session SET closed_at = :now WHERE file_id = :file AND editor = :editor AND closed_at IS NULL")
                .param("now", now()).param("file", fileId).param("editor", editor.name()).update();
    }

    public void rememberKey(String key, String fileId, String etag) {
        try {
            jdbc.sql("INSERT INTO office_document_key (doc_key, file_id, etag, created_at) VALUES (:key, :file, :etag, :now)")
                    .param("key", key).param("file", fileId).param("etag", etag).param("now", now()).update();
        } catch (DuplicateKeyException e) {
            // The same version opened again: same key, same co-editing session.
        }
    }

    /** The file id and the version the key's next save replaces. */
    public Optional<String[]> key(String key) {
        return jdbc.sql("SELECT file_id, etag FROM office_document_key WHERE doc_key = :key").param("key", key)
                .query((row, index) -> new String[] {row.getString("file_id"), row.getString("etag")})
                .optional();
    }

    /** The newest ONLYOFFICE document key handed out for the file. */
    public Optional<String> latestKey(String fileId) {
        return jdbc.sql("SELECT doc_key FROM office_document_key WHERE file_id = :file ORDER BY created_at DESC")
                .param("file", fileId).query(String.class).list().stream().findFirst();
    }

    public void keySaved(String key, String etag) {
        jdbc.sql("UPDATE office_document_key SET etag = :etag WHERE doc_key = :key")
                .param("etag", etag).param("key", key).update();
    }

    public Optional<String> callbackOutcome(String key, int status, String urlDigest) {
        return jdbc.sql("SELECT outcome FROM office_callback WHERE doc_key = :key AND status = :status AND url_digest = :url")
                .param("key", key).param("status", status).param("url", urlDigest)
                .query(String.class).optional();
    }

    public void callbackHandled(String key, int status, String urlDigest, String outcome) {
        jdbc.sql("INSERT INTO office_callback (doc_key, status, url_digest, outcome, received_at) VALUES (:key, :status, :url, :outcome, :now)")
                .param("key", key).param("status", status).param("url", urlDigest)
                .param("outcome", outcome).param("now", now()).update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
