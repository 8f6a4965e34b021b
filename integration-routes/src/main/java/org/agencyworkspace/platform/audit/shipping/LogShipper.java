package org.agencyworkspace.platform.audit.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.elasticsearch.BulkResult;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.IndexDocument;
import org.agencyworkspace.connector.elasticsearch.IndexFamily;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditCursors.Cursor;
import org.agencyworkspace.platform.audit.LogFileLines;
import org.agencyworkspace.platform.audit.LogFileLines.Line;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ships the application's ECS JSON log file ({@code <log-dir>/workspace.json}, written by
 * Log4j2's JSON template layout) to the logs indices, from a persisted byte offset
 * ({@value #CURSOR}): complete lines only, a batch at a time, each line's document id derived
 * from the file's identity and the line's offset, so a re-send is a no-op. While Elasticsearch is
 * down the offset stays and the file keeps growing. When the file was rotated (another file
 * identity, or shorter than the offset), shipping starts again at the new file's beginning;
 * lines written to the old file after the last shipped batch stay in its archive (operator
 * guide, "Application logs").
 */
public class LogShipper {

    public static final String CURSOR = "elasticsearch-logs";
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    /** A longer line is cut and tagged; Log4j2 writes stack traces inside one line. */
    static final int MAX_LINE = 64 * 1024;

    private final Path file;
    private final AuditCursors cursors;
    private final DeadLetterStore deadLetters;
    private final ElasticsearchConnector elastic;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchSize;
    private volatile String lastError;

    public LogShipper(Path file, AuditCursors cursors, DeadLetterStore deadLetters,
            ElasticsearchConnector elastic, TransactionTemplate transactions, ObjectMapper json,
            Clock clock, int batchSize) {
        this.file = file;
        this.cursors = cursors;
        this.deadLetters = deadLetters;
        this.elastic = elastic;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Ships complete lines until caught up or Elasticsearch has to be waited for; returns how many. */
    public synchronized int shipAll() {
        int total = 0;
        try {
            while (true) {
                int shipped = shipOnce();
                total += shipped;
                if (shipped < batchSize) {
                    lastError = null;
                    return total;
                }
            }
        } catch (ConnectorException | IOException e) {
            if (lastError == null) {
                LOG.warn("Log shipping to Elasticsearch paused: {}", e.getMessage());
            }
            lastError = e.getMessage();
            return total;
        }
    }

    public String lastError() {
        return lastError;
    }

    int shipOnce() throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        String identity = identity();
        Cursor cursor = cursors.get(CURSOR);
        long offset = identity.equals(cursor.extra()) && cursor.position() <= Files.size(file)
                ? cursor.position() : 0;
        List<Line> lines = read(offset);
        if (lines.isEmpty()) {
            if (offset != cursor.position() || !identity.equals(cursor.extra())) {
                cursors.set(CURSOR, new Cursor(offset, identity));
            }
            return 0;
        }
        List<IndexDocument> documents = new ArrayList<>(lines.size());
        for (Line line : lines) {
            documents.add(document(identity, line));
        }
        BulkResult result = elastic.bulkCreate(IndexFamily.LOGS, documents);
        int done = result.settled();
        if (done == 0) {
            throw new IOException("Elasticsearch asked to retry: " + result.items().get(0).reason());
        }
        List<Integer> refused = result.rejected(done);
        long next = lines.get(done - 1).end();
        transactions.executeWithoutResult(status -> {
            for (int index : refused) {
                AuditShipper.deadLetter(deadLetters, "log-shipping", null, IndexFamily.LOGS, elastic,
                        documents.get(index), result.items().get(index),
                        Map.of("LogOffset", Long.toString(lines.get(index).start())));
            }
            cursors.set(CURSOR, new Cursor(next, identity));
        });
        return done;
    }

    private IndexDocument document(String identity, Line line) {
        Instant at = null;
        ObjectNode node;
        try {
            JsonNode parsed = json.readTree(line.text());
            node = parsed instanceof ObjectNode object ? object : null;
            if (node != null && node.hasNonNull("@timestamp")) {
                at = Instant.parse(node.get("@timestamp").asText());
            }
        } catch (IOException | DateTimeParseException e) {
            node = null;
        }
        if (node == null || at == null) {
            // Not an ECS line (a crash dump, a hand edit): kept as text, tagged.
            at = clock.instant();
            node = json.createObjectNode();
            node.put("@timestamp", at.toString());
            node.put("message", line.text());
            node.putArray("tags").add("parse_error");
        }
        if (line.cut()) {
            node.withArray("tags").add("truncated");
        }
        node.put("log.file.path", file.toString());
        node.put("log.offset", line.start());
        return new IndexDocument(id(identity + ":" + line.start()), at, node.toString());
    }

    /** Complete lines from {@code offset}, at most a batch. */
    private List<Line> read(long offset) throws IOException {
        return LogFileLines.read(file, offset, batchSize, MAX_LINE);
    }

    /** The file's identity: its inode (or creation time), so a rotated file is a new one. */
    private String identity() throws IOException {
        return LogFileLines.identity(file);
    }

    private static String id(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
