package org.agencyworkspace.officialdocs.exchange;

import java.io.ByteArrayInputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgement;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgements;
import org.agencyworkspace.connector.signing.ExchangeMetadata;
import org.agencyworkspace.connector.signing.PackageRefusedException;
import org.agencyworkspace.connector.signing.ReceivedPackage;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receiving (收文): a package from the HTTPS inbox or the watched folder is validated whole
 * (signature, known sender, schema, level) and checked against numbers already received, then
 * filed into Files with its level, a task opened for the registry clerks through the approvals
 * registry (which tells them in chat), audited and published. Every package gets a signed
 * acknowledgement: received, or refused with the reason and nothing filed. The same package
 * delivered again gets the same answer.
 */
@Service
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
public class ExchangeInbox {

    /** The approvals registry kind of the clerk's task. */
    public static final String TASK_KIND = "exchange-received";

    /** How a package arrived. */
    public enum Channel { HTTPS, FOLDER }

    /** The answer to a package: the outcome and the signed acknowledgement to return. */
    public record Answer(ExchangeAcknowledgement.Outcome outcome, long incomingId, byte[] acknowledgement) {
    }

    /** One package received or refused, as the status page and API show it. */
    public record Incoming(long id, String channel, String sender, String documentNumber, String subject, String level,
            String status, String reason, String reasonDetail, String folder, String task, Instant receivedAt) {
    }

    private final ExchangeSetup setup;
    private final ExchangeProperties properties;
    private final FileUploads uploads;
    private final Approvals approvals;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;
    private final WorkspaceUser filer;

    ExchangeInbox(ExchangeSetup setup, ExchangeProperties properties, FileUploads uploads, Approvals approvals,
            JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit, EventPublisher events, Clock clock) {
        this.setup = setup;
        this.properties = properties;
        this.uploads = uploads;
        this.approvals = approvals;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        // Files are stored as the exchange itself, cleared up to the highest level it accepts.
        this.filer = new WorkspaceUser("exchange", "公文交換 Document exchange", List.of(properties.clerkGroup()),
                List.of(properties.clerkGroup()), properties.maxLevel());
    }

    /**
     * @param tlsOrganisation the organisation of the TLS client certificate the package came with;
     *     empty for the watched folder
     */
    public Answer receive(byte[] bytes, Channel channel, Optional<String> tlsOrganisation) {
        String digest = ExchangeAcknowledgements.digestOf(bytes);
        Optional<Incoming> earlier = jdbc.sql("SELECT * FROM exchange_incoming WHERE package_digest = ? ORDER BY id")
                .params(digest).query(ExchangeInbox::map).list().stream()
                .filter(incoming -> incoming.status().equals("RECEIVED")).findFirst();
        if (earlier.isPresent() && tlsOrganisation.map(organisation -> organisation.equals(
                organisationOf(earlier.get().sender()))).orElse(true)) {
            return new Answer(ExchangeAcknowledgement.Outcome.RECEIVED, earlier.get().id(),
                    ExchangeFolders.read(setup.acknowledgement("incoming-acknowledgements", earlier.get().id())));
        }
        ReceivedPackage received;
        try {
            received = setup.reader().read(bytes);
        } catch (PackageRefusedException e) {
            return refuse(channel, digest, null, e.reason().name(), e.getMessage());
        }
        ExchangeMetadata metadata = received.metadata();
        String sender = metadata.sender().code();
        String organisation = organisationOf(sender);
        if (tlsOrganisation.isPresent() && !tlsOrganisation.get().equals(organisation)) {
            return refuse(channel, digest, metadata, "TLS_CLIENT_MISMATCH", "the package claims to come from " + sender
                    + " but was delivered with the TLS certificate of '" + tlsOrganisation.get() + "'");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM exchange_incoming WHERE received_key = ?").params(key(metadata))
                .query(Integer.class).single() > 0) {
            return refuse(channel, digest, metadata, "DUPLICATE", "a different package with document number "
                    + metadata.documentNumber() + " from " + sender + " was already received");
        }
        String level = setup.levels().codeOf(metadata.level()).orElseThrow();
        FilePath folder;
        Map<FilePath, byte[]> files = new LinkedHashMap<>();
        try {
            // Every name is checked before the first file is written, so a name the store
            // refuses leaves nothing of the package behind.
            folder = FilePath.of(properties.receivedFolder()).resolve(sender).resolve(safe(metadata.documentNumber()));
            files.put(folder.resolve(metadata.document()), received.document());
            for (Map.Entry<String, byte[]> attachment : received.attachments().entrySet()) {
                files.put(folder.resolve(attachment.getKey()), attachment.getValue());
            }
        } catch (IllegalArgumentException e) {
            return refuse(channel, digest, metadata, "MALFORMED", "the package cannot be filed: " + e.getMessage());
        }
        files.forEach((path, content) -> store(path, content, level, metadata));
        long id = transactions.execute(status -> {
            long incoming = insert(channel, metadata, level, digest, "RECEIVED", null, null, folder.toString(), key(metadata));
            Approval task = approvals.request(TASK_KIND, "收文 " + metadata.sender().name() + " " + metadata.documentNumber(),
                    "/exchange", "exchange:" + sender, properties.clerkGroup());
            jdbc.sql("UPDATE exchange_incoming SET approval_id = ? WHERE id = ?").params(task.id(), incoming).update();
            audit.record(AuditEvent.of("exchange.receive", "process").actor("exchange:" + sender, metadata.sender().name())
                    .target("exchange-incoming", Long.toString(incoming), level)
                    .details(Map.of("documentNumber", metadata.documentNumber(), "channel", channel.name(),
                            "folder", folder.toString(), "task", task.id()))
                    .success().build());
            events.publish(new ExchangeEvents.Received(incoming, sender, metadata.documentNumber(), level,
                    folder.toString(), task.id()), "exchange:" + sender);
            return incoming;
        });
        byte[] acknowledgement = sign(new ExchangeAcknowledgement(properties.code(), setup.agency(), sender,
                metadata.documentNumber(), digest, ExchangeAcknowledgement.Outcome.RECEIVED, "", "", clock.instant()));
        ExchangeFolders.writeAtomically(setup.acknowledgement("incoming-acknowledgements", id), acknowledgement);
        return new Answer(ExchangeAcknowledgement.Outcome.RECEIVED, id, acknowledgement);
    }

    public List<Incoming> recent(int limit) {
        return jdbc.sql("SELECT * FROM exchange_incoming ORDER BY id DESC").query(ExchangeInbox::map).list().stream()
                .limit(limit).toList();
    }

    private Answer refuse(Channel channel, String digest, ExchangeMetadata metadata, String reason, String detail) {
        String sender = metadata == null ? "" : metadata.sender().code();
        String number = metadata == null ? "" : metadata.documentNumber();
        String shortDetail = detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        long id = transactions.execute(status -> {
            long incoming = insert(channel, metadata, "", digest, "REFUSED", reason, shortDetail, null, null);
            audit.record(AuditEvent.of("exchange.receive", "process").actor(sender.isEmpty() ? "exchange:unknown"
                            : "exchange:" + sender, sender)
                    .target("exchange-incoming", Long.toString(incoming))
                    .details(Map.of("reason", reason, "channel", channel.name(), "documentNumber", number))
                    .failure(shortDetail).build());
            events.publish(new ExchangeEvents.Refused(incoming, sender, number, reason), "exchange");
            return incoming;
        });
        byte[] acknowledgement = sign(new ExchangeAcknowledgement(properties.code(), setup.agency(), sender, number, digest,
                ExchangeAcknowledgement.Outcome.REFUSED, reason, shortDetail, clock.instant()));
        ExchangeFolders.writeAtomically(setup.acknowledgement("incoming-acknowledgements", id), acknowledgement);
        return new Answer(ExchangeAcknowledgement.Outcome.REFUSED, id, acknowledgement);
    }

    private void store(FilePath path, byte[] content, String level, ExchangeMetadata metadata) {
        LabelRequest label = level.equals("unmarked") ? null : new LabelRequest(level, "公文交換收文 received by exchange: "
                + metadata.sender().name() + " " + metadata.documentNumber(), null, null,
                "依來文機關核定 (as the sending agency decides)", false, List.of(), List.of(properties.clerkGroup()));
        uploads.store(path, new ByteArrayInputStream(content), label, filer);
    }

    private long insert(Channel channel, ExchangeMetadata metadata, String level, String digest, String status,
            String reason, String detail, String folder, String receivedKey) {
        jdbc.sql("""
                INSERT INTO exchange_incoming (channel, sender_code, document_number, subject, level, package_digest,
                    status, reason, reason_detail, folder, received_key, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(channel.name(), metadata == null ? "" : metadata.sender().code(),
                metadata == null ? "" : metadata.documentNumber(), metadata == null ? "" : metadata.subject(), level,
                digest, status, reason, detail, folder, receivedKey, clock.instant().atOffset(ZoneOffset.UTC)).update();
        return jdbc.sql("SELECT MAX(id) FROM exchange_incoming WHERE package_digest = ?").params(digest)
                .query(Long.class).single();
    }

    private byte[] sign(ExchangeAcknowledgement acknowledgement) {
        try (UnlockedKey key = setup.seal().unlock()) {
            return setup.acknowledgements().sign(acknowledgement, key);
        }
    }

    private String organisationOf(String sender) {
        return properties.senders().stream().filter(known -> known.code().equals(sender))
                .map(ExchangeProperties.Sender::organisation).findFirst().orElse("");
    }

    private static String key(ExchangeMetadata metadata) {
        return metadata.sender().code() + "|" + metadata.documentNumber();
    }

    /** A document number as a folder name: no slashes or backslashes, never {@code .} or {@code ..}. */
    static String safe(String documentNumber) {
        String name = documentNumber.replaceAll("[/\\\\\\p{Cntrl}]", "_").strip();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "_" + name : name;
    }

    private static Incoming map(ResultSet row, int index) throws SQLException {
        return new Incoming(row.getLong("id"), row.getString("channel"), row.getString("sender_code"),
                row.getString("document_number"), row.getString("subject"), row.getString("level"),
                row.getString("status"), row.getString("reason"), row.getString("reason_detail"),
                row.getString("folder"), row.getString("approval_id"),
                row.getObject("received_at", OffsetDateTime.class).toInstant());
    }
}
