package org.agencyworkspace.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.platform.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores audit events in the {@code audit_event} table of the workspace database, each one
 * appended to the hash chain ({@link AuditChain}). Appends lock the single chain-head row for
 * the rest of their transaction, so concurrent writers take positions one after another and in
 * commit order; when the caller has a transaction the append joins it (and rolls back with it).
 */
@Repository
public class JdbcAuditTrail implements AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditTrail.class);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;

    public JdbcAuditTrail(JdbcClient jdbc, ObjectMapper json,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
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
        transactions.executeWithoutResult(status -> append(rows));
    }

    private void append(List<AuditRow> rows) {
        ChainHead head = jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((result, index) -> new ChainHead(result.getLong("seq"), result.getString("hash")))
                .single();
        long seq = head.seq();
        String previous = head.hash();
        for (AuditRow row : rows) {
            seq++;
            String hash = AuditChain.hash(seq, previous, row);
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

    private record ChainHead(long seq, String hash) {
    }

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
