package org.agencyworkspace.identity.syncope;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The persisted {@link SourceCursor} of each pulling source, so a restart resumes, not restarts. */
@Repository
class SourceCursors {

    private final JdbcClient jdbc;
    private final Clock clock;

    SourceCursors(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<SourceCursor> find(String source) {
        return jdbc.sql("SELECT changed_at, last_username FROM identity_source_cursor WHERE source = :source")
                .param("source", source)
                .query((row, index) -> new SourceCursor(
                        row.getObject("changed_at", java.time.OffsetDateTime.class).toInstant(),
                        row.getString("last_username")))
                .optional();
    }

    void save(String source, SourceCursor cursor) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var changedAt = cursor.changedAt().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                UPDATE identity_source_cursor SET changed_at = :changedAt, last_username = :name,
                    updated_at = :now WHERE source = :source
                """)
                .param("changedAt", changedAt).param("name", cursor.userName())
                .param("now", now).param("source", source).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO identity_source_cursor (source, changed_at, last_username, updated_at)
                    VALUES (:source, :changedAt, :name, :now)
                    """)
                    .param("changedAt", changedAt).param("name", cursor.userName())
                    .param("now", now).param("source", source).update();
        }
    }
}
