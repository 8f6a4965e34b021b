package org.agencyworkspace.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors of the audit chain outside the database: the head's position and hash (and the
 * cut-over position) appended as one JSON line to an anchor file beside the logs, and written to
 * the application log, which goes to Elasticsearch where log shipping is on. {@code audit
 * verify} compares the database with every anchor: a head behind the newest anchor is a
 * truncation, a different hash at an anchored position a rewrite. Each line carries an HMAC with
 * the chain key, so it cannot be forged without the key.
 */
public class AuditAnchors {

    /**
     * One anchor.
     *
     * @param at when it was taken
     * @param seq the head's position then
     * @param hash the head's hash then
     * @param keyedFrom the cut-over position then (null: not keyed)
     * @param keyId the chain key's id
     * @param mac HMAC-SHA256 of the other fields with the chain key
     * @param line its line in the anchor file
     */
    public record Anchor(Instant at, long seq, String hash, Long keyedFrom, String keyId, String mac, int line) {

        String signed() {
            return "awa1\n" + at + "\n" + seq + "\n" + hash + "\n" + (keyedFrom == null ? "" : keyedFrom)
                    + "\n" + keyId;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final AuditChainKey key;
    private final Clock clock;
    private long lastAnchored = -1;

    public AuditAnchors(Path file, AuditChainKey key, Clock clock) {
        this.file = file;
        this.key = key;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends an anchor of the head unless the last one this process wrote already names it.
     *
     * @return whether one was written
     */
    public synchronized boolean anchor(JdbcAuditTrail.Head head) {
        if (head.seq() == lastAnchored) {
            return false;
        }
        Instant now = clock.instant();
        Anchor anchor = new Anchor(now, head.seq(), head.hash(), head.keyedFrom(), key.id(), null, 0);
        ObjectNode line = JSON.createObjectNode();
        line.put("at", now.toString());
        line.put("seq", head.seq());
        line.put("hash", head.hash());
        if (head.keyedFrom() != null) {
            line.put("keyedFrom", head.keyedFrom());
        }
        line.put("keyId", key.id());
        line.put("mac", key.present() ? key.mac(anchor.signed()) : "");
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true); // on disk before it counts as anchored
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit anchor file " + file, e);
        }
        LOG.info("Audit chain anchor: position {} hash {} keyed from {} key {}", head.seq(), head.hash(),
                head.keyedFrom(), key.id());
        lastAnchored = head.seq();
        return true;
    }

    /**
     * Every anchor in the file, oldest first; none when there is no file.
     *
     * @throws IllegalStateException naming the line when one cannot be read
     */
    public List<Anchor> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit anchor file " + file, e);
        }
        List<Anchor> anchors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(text);
                anchors.add(new Anchor(Instant.parse(node.get("at").asText()), node.get("seq").asLong(),
                        node.get("hash").asText(), node.hasNonNull("keyedFrom") ? node.get("keyedFrom").asLong() : null,
                        node.path("keyId").asText(""), node.path("mac").asText(""), i + 1));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("line " + (i + 1) + " of the audit anchor file " + file
                        + " cannot be read", e);
            }
        }
        return anchors;
    }

    /** Whether the anchor's HMAC is the chain key's; an anchor made without a key has none to check. */
    public boolean authentic(Anchor anchor) {
        if (anchor.keyId().isEmpty() && anchor.mac().isEmpty()) {
            return true;
        }
        return key.present() && anchor.keyId().equals(key.id()) && key.mac(anchor.signed()).equals(anchor.mac());
    }
}
