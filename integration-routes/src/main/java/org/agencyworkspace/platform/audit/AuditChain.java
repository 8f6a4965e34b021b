package org.agencyworkspace.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hash chain over the audit trail. Row {@code n} stores the hash of row {@code n-1}
 * ({@code prev_hash}) and its own: {@code hash = hex(SHA-256(UTF-8(canonical)))}, where the
 * canonical form is the compact JSON array
 *
 * <pre>["awc1", seq, prev_hash, id, occurred_at, action, category, outcome, user_id, user_name,
 *  target_type, target_id, classification, source_ip, user_agent, reason, trace_id, details, tags]</pre>
 *
 * of the values as stored ({@code occurred_at} as ISO-8601 UTC, e.g.
 * {@code 2026-11-27T03:40:00.123456Z}; absent values as JSON {@code null}; JSON strings escaped
 * as Jackson writes them). Position 0 is the genesis, hash {@link #GENESIS}.
 *
 * <p>From the chain's cut-over position on ({@code audit_chain_head.keyed_from}, the position of
 * the {@value #CUT_OVER_ACTION} row) the hash is keyed: {@code hex(HMAC-SHA256(key,
 * UTF-8(canonical)))} with {@code "awc2"} in position 0 of the canonical form, the key kept
 * outside the database ({@link AuditChainKey}). Rows before it keep their SHA-256 hashes; the
 * first keyed row carries the last of them as its {@code prev_hash}, so they cannot change either.
 */
public final class AuditChain {

    /** Hash of the genesis record (position 0) that the first row links to. */
    public static final String GENESIS = "0".repeat(64);

    /** The action of the row at the cut-over position, the first keyed one. */
    public static final String CUT_OVER_ACTION = "audit.chain.keyed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    /** The canonical text of a row at {@code seq} linked to {@code prevHash}. */
    public static String canonical(long seq, String prevHash, AuditRow row) {
        return canonical("awc1", seq, prevHash, row);
    }

    private static String canonical(String version, long seq, String prevHash, AuditRow row) {
        Object[] values = {version, seq, prevHash, row.id(), row.occurredAt().toString(),
                row.action(), row.category(), row.outcome(), row.userId(), row.userName(),
                row.targetType(), row.targetId(), row.classification(), row.sourceIp(),
                row.userAgent(), row.reason(), row.traceId(), row.details(), row.tags()};
        try {
            return JSON.writeValueAsString(Arrays.asList(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the canonical form", e);
        }
    }

    /** The hash a row at {@code seq} linked to {@code prevHash} must carry. */
    public static String hash(long seq, String prevHash, AuditRow row) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(
                    canonical(seq, prevHash, row).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The hash a row at {@code seq} must carry in a chain keyed from {@code keyedFrom} (null: not
     * keyed yet): keyed at and after it, plain SHA-256 before.
     *
     * @throws IllegalStateException when the row is keyed and {@code key} is none
     */
    public static String hashAt(long seq, String prevHash, AuditRow row, Long keyedFrom, AuditChainKey key) {
        if (keyedFrom != null && seq >= keyedFrom) {
            return key.mac(canonical("awc2", seq, prevHash, row));
        }
        return hash(seq, prevHash, row);
    }
}
