package org.agencyworkspace.platform.audit.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.agencyworkspace.connector.Answers;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.elasticsearch.BulkResult;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.IndexDocument;
import org.agencyworkspace.connector.elasticsearch.IndexFamily;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditCursors.Cursor;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.audit.JdbcAuditTrail.ChainedEvent;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ships the audit chain to Elasticsearch in order, one batch at a time, from a persisted cursor
 * ({@value #CURSOR} in {@code audit_cursor}). Each batch is one {@code _bulk} of {@code create}
 * operations with the event id as document id, so a batch sent again after a crash or a timeout
 * changes nothing. A document Elasticsearch refuses for good (mapping conflict) goes to the
 * dead-letter store with the reason, in the same transaction that moves the cursor past it; a
 * document refused for now (or a cluster that cannot be reached) stops the batch there and the
 * shipper waits, doubling the wait up to the maximum, before sending from that point again.
 */
public class AuditShipper {

    public static final String CURSOR = "elasticsearch-audit";
    public static final String ROUTE_ID = "audit-shipping";
    public static final String REPLAY_ENDPOINT = "direct:audit-reship";

    private static final Logger LOG = LoggerFactory.getLogger(AuditShipper.class);

    /**
     * What one call did.
     *
     * @param shipped rows the cursor moved past (stored, already there or dead-lettered)
     * @param deadLettered of those, refused documents sent to the dead-letter store
     * @param waiting true when the call did not send because it is backing off, or stopped early
     */
    public record Batch(int shipped, int deadLettered, boolean waiting) {
    }

    private final JdbcAuditTrail trail;
    private final AuditCursors cursors;
    private final DeadLetterStore deadLetters;
    private final ElasticsearchConnector elastic;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchSize;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;
    private boolean schemaInstalled;
    private volatile String lastError;

    public AuditShipper(JdbcAuditTrail trail, AuditCursors cursors, DeadLetterStore deadLetters,
            ElasticsearchConnector elastic, TransactionTemplate transactions, ObjectMapper json,
            Clock clock, int batchSize, Duration initialBackoff, Duration maxBackoff) {
        this.trail = trail;
        this.cursors = cursors;
        this.deadLetters = deadLetters;
        this.elastic = elastic;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.batchSize = batchSize;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Sends the next batch unless it is backing off. Synchronised: one batch in flight, whoever
     * calls.
     */
    public synchronized Batch shipOnce() {
        return ship(false);
    }

    /**
     * Sends batches until the cursor reaches the head or a batch has to wait.
     *
     * @return rows the cursor moved past
     */
    public synchronized int shipAll() {
        return ship(true).shipped();
    }

    /** One batch, or batches until the head with the next one read while the last is in flight. */
    private Batch ship(boolean untilHead) {
        if (clock.instant().isBefore(nextAttempt)) {
            return new Batch(0, 0, true);
        }
        int shipped = 0;
        int deadLettered = 0;
        try {
            if (!schemaInstalled) {
                elastic.installSchema();
                schemaInstalled = true;
            }
            Prepared batch = prepare(cursors.get(CURSOR).position());
            while (!batch.rows().isEmpty()) {
                CompletableFuture<BulkResult> sent = elastic.bulkCreateAsync(IndexFamily.AUDIT, batch.documents());
                // Reading the chain and building the next documents overlaps this request; the
                // next batch is sent only after this one's cursor move committed, so the order and
                // exactly-once hold as with one batch at a time.
                Prepared next = untilHead && batch.rows().size() == batchSize
                        ? prepare(batch.rows().get(batch.rows().size() - 1).position()) : Prepared.NONE;
                Batch settled = settle(batch, Answers.await(sent));
                shipped += settled.shipped();
                deadLettered += settled.deadLettered();
                if (settled.waiting()) {
                    backOff("Elasticsearch asked to retry part of a batch");
                    return new Batch(shipped, deadLettered, true);
                }
                batch = next;
            }
            backoff = Duration.ZERO;
            lastError = null;
            return new Batch(shipped, deadLettered, false);
        } catch (ConnectorException e) {
            if (!e.retryable()) {
                // A refusal of the whole request (bad credentials, a closed index): keep trying,
                // an operator has to fix it, and nothing may be skipped meanwhile.
                LOG.error("Audit shipping refused by Elasticsearch: {}", e.getMessage());
            }
            backOff(e.getMessage());
            return new Batch(shipped, deadLettered, true);
        }
    }

    /** Rows of the chain after a position and their documents, ready to send. */
    private record Prepared(List<ChainedEvent> rows, List<IndexDocument> documents) {
        static final Prepared NONE = new Prepared(List.of(), List.of());
    }

    private Prepared prepare(long after) {
        List<ChainedEvent> rows = trail.after(after, batchSize);
        return new Prepared(rows, rows.stream().map(row -> EcsAuditDocument.of(row, json)).toList());
    }

    /** Rows written but not yet shipped. */
    public long lag() {
        return Math.max(0, trail.headPosition() - cursors.get(CURSOR).position());
    }

    /** The reason of the last failed attempt, null after a success. */
    public String lastError() {
        return lastError;
    }

    /** Moves the cursor past what Elasticsearch settled, dead-lettering what it refused for good. */
    private Batch settle(Prepared batch, BulkResult result) {
        List<ChainedEvent> rows = batch.rows();
        List<IndexDocument> documents = batch.documents();
        int done = result.settled();
        List<Integer> refused = result.rejected(done);
        if (done > 0) {
            long position = rows.get(done - 1).position();
            transactions.executeWithoutResult(status -> {
                for (int index : refused) {
                    deadLetter(deadLetters, ROUTE_ID, REPLAY_ENDPOINT, IndexFamily.AUDIT, elastic,
                            documents.get(index), result.items().get(index), Map.of(
                                    "AuditEventId", documents.get(index).id(),
                                    "AuditEventTime", documents.get(index).timestamp().toString()));
                }
                cursors.set(CURSOR, new Cursor(position, null));
            });
        }
        return new Batch(done, refused.size(), done < rows.size());
    }

    /** Sets a document Elasticsearch refused for good aside, with the reason (both shippers). */
    static void deadLetter(DeadLetterStore deadLetters, String routeId, String replayEndpoint,
            IndexFamily family, ElasticsearchConnector elastic, IndexDocument document,
            BulkResult.Item item, Map<String, String> headers) {
        LOG.warn("{} document {} refused by Elasticsearch: {}", routeId, document.id(), item.reason());
        deadLetters.add(new DeadLetterStore.Failure(routeId, replayEndpoint,
                "elasticsearch:" + family.indexFor(elastic.indexPrefix(), document.timestamp()),
                "MappingConflict", "HTTP " + item.status() + " " + item.reason(), document.json(),
                false, headers));
    }

    /** Replays one dead-lettered document (after the mapping or the document was fixed). */
    public void reship(String documentJson, String eventId, String timestamp) {
        IndexDocument document = new IndexDocument(eventId, Instant.parse(timestamp), documentJson);
        BulkResult.Item item = elastic.bulkCreate(IndexFamily.AUDIT, List.of(document)).items().get(0);
        if (item.outcome() == BulkResult.Outcome.REJECTED || item.outcome() == BulkResult.Outcome.RETRY) {
            throw new IllegalStateException("Elasticsearch refused audit event " + eventId + ": "
                    + item.reason());
        }
    }

    private void backOff(String reason) {
        backoff = backoff.isZero() ? initialBackoff : backoff.multipliedBy(2);
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        nextAttempt = clock.instant().plus(backoff);
        if (lastError == null) {
            LOG.warn("Audit shipping to Elasticsearch paused: {}; retrying with backoff", reason);
        }
        lastError = reason;
    }
}
