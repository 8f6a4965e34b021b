package org.agencyworkspace.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.agencyworkspace.platform.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores audit events in the {@code audit_event} table of the workspace database, each one
 * appended to the hash chain ({@link AuditChain}). Appends lock the single chain-head row for
 * the rest of their transaction, so concurrent writers take positions one after another and in
 * commit order; when the caller has a transaction the append joins it (and rolls back with it).
 * Callers without one are committed in groups: they wait for their turn without holding a
 * database connection, and one transaction appends all that queued meanwhile (issue 22: at 200
 * people, every request held a pooled connection while waiting for the head's row lock, and
 * the pool ran dry).
 */
@Repository
public class JdbcAuditTrail implements AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditTrail.class);
    /** Callers whose rows one transaction takes at most. */
    private static final int MAX_GROUP = 200;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final AuditChainKey key;
    /** Callers' rows waiting for the chain (group commit, see {@link #recordAll}). */
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the one caller appending for everyone queued. */
    private final ReentrantLock turn = new ReentrantLock();

    /** A trail without the chain key: it appends to a chain that was never keyed, else refuses. */
    public JdbcAuditTrail(JdbcClient jdbc, ObjectMapper json,
            PlatformTransactionManager transactionManager) {
        this(jdbc, json, transactionManager, AuditChainKey.none());
    }

    @Autowired
    public JdbcAuditTrail(JdbcClient jdbc, ObjectMapper json,
            PlatformTransactionManager transactionManager, AuditChainKey key) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.key = key;
    }

    @Override
    public void record(AuditEvent event) {
        recordAll(List.of(event));
        LOG.debug("Audit {} {} by {}", event.action(), event.outcome(), event.actor().id());
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String contextTrace = RequestContext.traceId();
        List<AuditRow> rows = events.stream().map(event -> AuditRow.of(event,
                event.traceId() != null ? event.traceId() : contextTrace, json)).toList();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            transactions.executeWithoutResult(status -> append(rows));
            return;
        }
        // Group commit: the chain head admits one writer at a time, so callers queue here
        // (without a database connection) and whoever takes the turn appends everything
        // queued in one transaction. Each caller returns once its rows are committed.
        Pending mine = new Pending(rows);
        waiting.add(mine);
        turn.lock();
        try {
            while (!mine.done) {
                appendWaiting();
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Rows queued for the chain, and what became of them. */
    private static final class Pending {
        final List<AuditRow> rows;
        volatile boolean done;
        RuntimeException failure;

        Pending(List<AuditRow> rows) {
            this.rows = rows;
        }
    }

    /** Appends what is queued, at most {@value #MAX_GROUP} callers' rows, in one transaction. */
    private void appendWaiting() {
        List<Pending> group = new ArrayList<>();
        for (Pending next; group.size() < MAX_GROUP && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        try {
            transactions.executeWithoutResult(status -> append(group.stream()
                    .flatMap(pending -> pending.rows.stream()).toList()));
        } catch (RuntimeException e) {
            // One caller's faulty rows must not cost the others theirs: each alone, then.
            for (Pending pending : group) {
                try {
                    transactions.executeWithoutResult(status -> append(pending.rows));
                } catch (RuntimeException alone) {
                    pending.failure = alone;
                }
            }
        }
        group.forEach(pending -> pending.done = true);
    }

    /**
     * Keys the chain from the next position on, once: appends the {@value AuditChain#CUT_OVER_ACTION}
     * row, the first keyed one, and records its position as the cut-over. Rows before it keep
     * their unkeyed hashes and stay checkable.
     *
     * @return the cut-over position, whether set now or before
     * @throws IllegalStateException without a key
     */
    public long keyChain() {
        if (!key.present()) {
            throw new IllegalStateException("the audit chain cannot be keyed without a key");
        }
        return transactions.execute(status -> {
            Head head = lockHead();
            if (head.keyedFrom() != null) {
                return head.keyedFrom();
            }
            long from = head.seq() + 1;
            jdbc.sql("UPDATE audit_chain_head SET keyed_from = :from WHERE id = 1").param("from", from).update();
            AuditEvent marker = AuditEvent.of(AuditChain.CUT_OVER_ACTION, "configuration")
                    .actor(AuditEvent.Actor.SYSTEM.id(), AuditEvent.Actor.SYSTEM.name())
                    .details(java.util.Map.of("keyedFrom", Long.toString(from), "keyId", key.id()))
                    .build();
            append(List.of(AuditRow.of(marker, RequestContext.traceId(), json)));
            LOG.info("Audit chain keyed from position {} (key {})", from, key.id());
            return from;
        });
    }

    private Head lockHead() {
        return jdbc.sql("SELECT seq, hash, keyed_from FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query(HEAD).single();
    }

    private void append(List<AuditRow> rows) {
        Head head = lockHead();
        if (head.keyedFrom() != null && !key.present()) {
            // Fail closed: an unkeyed row after the cut-over would read as tampering.
            throw new IllegalStateException("the audit chain is keyed and this writer has no key");
        }
        long seq = head.seq();
        String previous = head.hash();
        for (AuditRow row : rows) {
            seq++;
            String hash = AuditChain.hashAt(seq, previous, row, head.keyedFrom(), key);
            insert(row, seq, previous, hash);
            previous = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET seq = :seq, hash = :hash, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE id = 1")
                .param("seq", seq).param("hash", previous).update();
    }

    private void insert(AuditRow row, long seq, String prevHash, String hash) {
        jdbc.sql("""
                INSERT INTO audit_event (id, occurred_at, action, category, outcome, user_id,
                    user_name, target_type, target_id, classification, source_ip, user_agent,
                    reason, trace_id, details, tags, chain_seq, prev_hash, hash)
                VALUES (:id, :at, :action, :category, :outcome, :userId, :userName, :targetType,
                    :targetId, :classification, :ip, :agent, :reason, :traceId, :details, :tags,
                    :seq, :prevHash, :hash)
                """)
                .param("id", row.id())
                .param("at", row.occurredAt().atOffset(ZoneOffset.UTC))
                .param("action", row.action())
                .param("category", row.category())
                .param("outcome", row.outcome())
                .param("userId", row.userId())
                .param("userName", row.userName())
                .param("targetType", row.targetType())
                .param("targetId", row.targetId())
                .param("classification", row.classification())
                .param("ip", row.sourceIp())
                .param("agent", row.userAgent())
                .param("reason", row.reason())
                .param("traceId", row.traceId())
                .param("details", row.details())
                .param("tags", row.tags())
                .param("seq", seq)
                .param("prevHash", prevHash)
                .param("hash", hash)
                .update();
    }

    @Override
    public List<AuditEvent> recent(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (query.actorId() != null) {
            sql.append(" AND user_id = ?");
            params.add(query.actorId());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action());
        }
        if (query.targetId() != null) {
            sql.append(" AND target_id = ?");
            params.add(query.targetId());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC FETCH FIRST ").append(query.limit())
                .append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** Chained rows after position {@code after}, in chain order, for the readers with a cursor. */
    public List<ChainedEvent> after(long after, int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE chain_seq > :after ORDER BY chain_seq"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .param("after", after)
                .query((result, index) -> new ChainedEvent(result.getLong("chain_seq"),
                        result.getString("hash"), AuditRow.read(result)))
                .list();
    }

    /** The chain's last position (0 when empty). */
    public long headPosition() {
        return jdbc.sql("SELECT seq FROM audit_chain_head WHERE id = 1").query(Long.class).single();
    }

    private AuditEvent map(ResultSet row, int index) throws SQLException {
        return AuditRow.read(row).toEvent(json);
    }

    /**
     * The chain's head.
     *
     * @param seq the last position (0 when empty)
     * @param hash the last row's hash (the genesis hash when empty)
     * @param keyedFrom the cut-over position, or null when the chain is not keyed
     */
    public record Head(long seq, String hash, Long keyedFrom) {
    }

    /** The head as committed now. */
    public Head head() {
        return jdbc.sql("SELECT seq, hash, keyed_from FROM audit_chain_head WHERE id = 1")
                .query(HEAD).single();
    }

    /** The head row's columns. */
    static final RowMapper<Head> HEAD = (result, index) -> new Head(result.getLong("seq"),
            result.getString("hash"), result.getObject("keyed_from") == null ? null : result.getLong("keyed_from"));

    /**
     * A stored row and its chain position.
     *
     * @param position the row's {@code chain_seq}
     * @param hash the row's chain hash
     * @param row its stored values
     */
    public record ChainedEvent(long position, String hash, AuditRow row) {
    }
}
