package org.agencyworkspace.files.versions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.files.store.StoredFile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The versions the workspace keeps: a row per replaced content ({@code file_version}) and its
 * bytes in a folder of the data folder, outside the file area, named by the row's id. At most
 * {@code keep} versions per file stay; the oldest go first.
 */
public class FileVersionRecords {

    /**
     * One kept version.
     *
     * @param id its id
     * @param path the file it is a version of
     * @param size bytes
     * @param contentType the media type the file had
     * @param savedBy who saved these bytes
     * @param savedAt when they were saved
     * @param replacedBy who replaced them
     * @param replacedAt when
     * @param fileId the store's id of the file it was kept from
     * @param level the level it had when kept; null for one kept before versions recorded their
     *     label (issue 23's first release), which is judged as the highest level
     * @param label the label it had when kept; null when unmarked or not recorded
     */
    public record Version(String id, String path, long size, String contentType, String savedBy,
            Instant savedAt, String replacedBy, Instant replacedAt, String fileId, String level,
            @JsonIgnore Label label) {
    }

    private final JdbcClient jdbc;
    private final Path folder;
    private final int keep;
    private final Clock clock;
    private final LabelRecords labels;

    /** @param labels for the label each version keeps, stored as the label records store theirs */
    public FileVersionRecords(JdbcClient jdbc, Path folder, int keep, Clock clock, LabelRecords labels) {
        this.jdbc = jdbc;
        this.labels = labels;
        this.folder = folder.toAbsolutePath().normalize();
        this.keep = keep;
        this.clock = clock;
        try {
            Files.createDirectories(this.folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the versions folder " + this.folder, e);
        }
    }

    /**
     * Keeps {@code content}, the bytes {@code current} holds now under {@code label} (its
     * effective label, null when unmarked) at level {@code level}, as its newest version.
     */
    public Version keep(StoredFile current, InputStream content, String replacedBy, String level,
            Label label) {
        String id = UUID.randomUUID().toString();
        Path blob = folder.resolve(id);
        try {
            Files.copy(content, blob, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(blob);
            throw new UncheckedIOException("cannot keep a version of " + current.path(), e);
        }
        String path = current.path().toString();
        Optional<Author> author = author(path);
        Instant now = clock.instant();
        Version version = new Version(id, path, sizeOf(blob), current.contentType(),
                author.map(Author::login).orElse("unknown"),
                author.map(Author::at).orElse(current.lastModified()), replacedBy, now,
                current.fileId(), level, label);
        jdbc.sql("""
                INSERT INTO file_version (id, path, size, content_type, saved_by, saved_at,
                    replaced_by, replaced_at, file_id, label_level, label_json)
                VALUES (:id, :path, :size, :type, :by, :at, :replacedBy, :replacedAt, :fileId,
                    :level, :label)
                """)
                .param("id", id).param("path", path).param("size", version.size())
                .param("type", version.contentType()).param("by", version.savedBy())
                .param("at", version.savedAt().atOffset(ZoneOffset.UTC))
                .param("replacedBy", replacedBy).param("replacedAt", now.atOffset(ZoneOffset.UTC))
                .param("fileId", current.fileId()).param("level", level)
                .param("label", label == null ? null : labels.write(label))
                .update();
        prune(path);
        return version;
    }

    /** Notes who saved the bytes {@code path} holds now. */
    public void saved(FilePath path, String login) {
        String key = path.toString();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE file_author SET saved_by = :by, saved_at = :now WHERE path = :path")
                .param("by", login).param("now", now).param("path", key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO file_author (path, saved_by, saved_at) VALUES (:path, :by, :now)")
                    .param("path", key).param("by", login).param("now", now).update();
        }
    }

    /** The file's versions, newest first. */
    public List<Version> of(FilePath path) {
        return jdbc.sql("SELECT * FROM file_version WHERE path = :path ORDER BY seq DESC")
                .param("path", path.toString()).query((row, index) -> version(row)).list();
    }

    public Optional<Version> find(String id) {
        return jdbc.sql("SELECT * FROM file_version WHERE id = :id").param("id", id == null ? "" : id)
                .query((row, index) -> version(row)).optional();
    }

    /** Drops a version (one kept for a write that then failed). */
    public void forget(String id) {
        jdbc.sql("DELETE FROM file_version WHERE id = :id").param("id", id).update();
        deleteQuietly(folder.resolve(id));
    }

    /** The version's bytes; the caller closes the stream. */
    public InputStream open(Version version) {
        try {
            return Files.newInputStream(folder.resolve(version.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("the bytes of version " + version.id() + " are gone", e);
        }
    }

    /** A file or folder moved: its versions and author (and those of everything inside) follow. */
    public void moved(FilePath from, FilePath to) {
        for (String table : List.of("file_version", "file_author")) {
            jdbc.sql("UPDATE " + table + " SET path = :to WHERE path = :from")
                    .param("to", to.toString()).param("from", from.toString()).update();
            String prefix = from + "/";
            jdbc.sql("UPDATE " + table + " SET path = CONCAT(:to, SUBSTRING(path, :cut))"
                            + " WHERE path LIKE :prefix ESCAPE '!'")
                    .param("to", to.toString()).param("cut", from.toString().length() + 1)
                    .param("prefix", prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                    .update();
        }
    }

    private void prune(String path) {
        List<String> old = jdbc.sql("SELECT id FROM file_version WHERE path = :path"
                        + " ORDER BY seq DESC")
                .param("path", path).query(String.class).list();
        old.subList(Math.min(keep, old.size()), old.size()).forEach(this::forget);
    }

    private record Author(String login, Instant at) {
    }

    private Optional<Author> author(String path) {
        return jdbc.sql("SELECT saved_by, saved_at FROM file_author WHERE path = :path")
                .param("path", path)
                .query((row, index) -> new Author(row.getString("saved_by"),
                        row.getObject("saved_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private Version version(java.sql.ResultSet row) throws java.sql.SQLException {
        String label = row.getString("label_json");
        return new Version(row.getString("id"), row.getString("path"), row.getLong("size"),
                row.getString("content_type"), row.getString("saved_by"),
                row.getObject("saved_at", OffsetDateTime.class).toInstant(),
                row.getString("replaced_by"),
                row.getObject("replaced_at", OffsetDateTime.class).toInstant(),
                row.getString("file_id"), row.getString("label_level"),
                label == null ? null : labels.read(label));
    }

    private static long sizeOf(Path blob) {
        try {
            return Files.size(blob);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // An orphaned blob holds no row and is never served; nothing to undo.
        }
    }
}
