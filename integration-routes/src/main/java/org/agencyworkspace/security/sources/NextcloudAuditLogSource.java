package org.agencyworkspace.security.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditCursors.Cursor;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.audit.LogFileLines;
import org.agencyworkspace.platform.audit.LogFileLines.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows Nextcloud's admin_audit log file into the audit trail from a persisted byte offset
 * ({@value #CURSOR}: offset and file identity): complete lines only, recorded in the transaction
 * that moves the offset, so a restart resumes exactly there. Audit ids derived from the line make
 * a line read twice (after a copy-and-truncate rotation, say) one event. When the file was
 * rotated the way Nextcloud rotates it (renamed to {@code audit.log.1}), the rest of the old file
 * is read first; a file that is shorter than the offset, or another file, is read from its start.
 */
public class NextcloudAuditLogSource {

    public static final String CURSOR = "nextcloud-audit-log";
    private static final Logger LOG = LoggerFactory.getLogger(NextcloudAuditLogSource.class);
    /** A longer line is cut (and then stored unparsed); Nextcloud's audit lines are short. */
    static final int MAX_LINE = 64 * 1024;

    private final Path file;
    private final NextcloudAuditLogMapper mapper;
    private final AuditTrail audit;
    private final AuditCursors cursors;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private volatile String lastError;

    NextcloudAuditLogSource(Path file, NextcloudAuditLogMapper mapper, AuditTrail audit,
            AuditCursors cursors, JdbcClient jdbc, TransactionTemplate transactions, int batchSize) {
        this.file = file;
        this.mapper = mapper;
        this.audit = audit;
        this.cursors = cursors;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    /** Records what is new until caught up; returns how many events were recorded. */
    public synchronized int poll() {
        int recorded = 0;
        try {
            while (true) {
                Read read = readOnce();
                recorded += read.recorded();
                if (read.lines() == 0) {
                    lastError = null;
                    return recorded;
                }
            }
        } catch (IOException e) {
            if (lastError == null) {
                LOG.warn("Reading Nextcloud's audit log {} paused: {}", file, e.getMessage());
            }
            lastError = e.getMessage();
            return recorded;
        }
    }

    public String lastError() {
        return lastError;
    }

    private Read readOnce() throws IOException {
        Cursor cursor = cursors.get(CURSOR);
        boolean current = Files.isRegularFile(file);
        String identity = current ? LogFileLines.identity(file) : null;
        if (cursor.extra() != null && !cursor.extra().equals(identity)) {
            // Rotated: the offset belongs to the renamed file; its last lines come first.
            Path rotated = file.resolveSibling(file.getFileName() + ".1");
            if (Files.isRegularFile(rotated) && cursor.extra().equals(LogFileLines.identity(rotated))
                    && cursor.position() <= Files.size(rotated)) {
                Read read = read(rotated, cursor.extra(), cursor.position());
                if (read.lines() > 0) {
                    return read;
                }
            }
        }
        if (!current) {
            return Read.NOTHING;
        }
        long offset = identity.equals(cursor.extra()) && cursor.position() <= Files.size(file)
                ? cursor.position() : 0;
        Read read = read(file, identity, offset);
        if (read.lines() == 0 && (offset != cursor.position() || !identity.equals(cursor.extra()))) {
            cursors.set(CURSOR, new Cursor(offset, identity));
        }
        return read;
    }

    private Read read(Path path, String identity, long offset) throws IOException {
        List<Line> lines = LogFileLines.read(path, offset, batchSize, MAX_LINE);
        if (lines.isEmpty()) {
            return Read.NOTHING;
        }
        Map<String, AuditEvent> events = new LinkedHashMap<>();
        for (Line line : lines) {
            AuditEvent event = mapper.map(line.text());
            events.putIfAbsent(event.id(), event);
        }
        Set<String> known = existing(events.keySet());
        List<AuditEvent> fresh = events.values().stream().filter(event -> !known.contains(event.id())).toList();
        long next = lines.get(lines.size() - 1).end();
        transactions.executeWithoutResult(status -> {
            audit.recordAll(fresh);
            cursors.set(CURSOR, new Cursor(next, identity));
        });
        return new Read(lines.size(), fresh.size());
    }

    private Set<String> existing(Set<String> ids) {
        return new HashSet<>(jdbc.sql("SELECT id FROM audit_event WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids)).query(String.class).list());
    }

    /** Lines consumed and events recorded by one read. */
    private record Read(int lines, int recorded) {
        static final Read NOTHING = new Read(0, 0);
    }
}
