package org.agencyworkspace.officialdocs.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgement;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgements;
import org.agencyworkspace.connector.signing.ExchangeMetadata;
import org.agencyworkspace.connector.signing.PackageRefusedException;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch (發文): packs a document with the agency's exchange key, keeps the package in the data
 * folder and one row per recipient before anything is sent, and delivers each (HTTPS with mutual
 * TLS, or a gateway's folder) when the delivery route asks; records the recipients' signed
 * acknowledgements.
 */
@Service
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
public class ExchangeDispatch {

    /** One package to one recipient, as the status page and API show it. */
    public record Outgoing(long id, String dispatchId, String recipient, String documentNumber, String subject,
            String level, String status, int attempts, String lastError, String reason, String reasonDetail,
            String dispatchedBy, Instant createdAt, Instant acknowledgedAt) {
    }

    private final ExchangeSetup setup;
    private final ExchangeProperties properties;
    private final ClassificationScheme scheme;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    ExchangeDispatch(ExchangeSetup setup, ExchangeProperties properties, ClassificationScheme scheme, JdbcClient jdbc,
            TransactionTemplate transactions, AuditTrail audit, EventPublisher events, Clock clock) {
        this.setup = setup;
        this.properties = properties;
        this.scheme = scheme;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Packs and queues a document for its recipients; nothing is queued when anything is refused.
     *
     * @return the dispatch id
     * @throws ExchangeRefusedException an unknown recipient, a level that may not be exchanged or is
     *     above the clerk's clearance, metadata that breaks the schema, or a key that may not sign
     */
    public String dispatch(OutgoingDocument document, WorkspaceUser by) {
        List<String> problems = new ArrayList<>();
        if (document.recipients().isEmpty()) {
            problems.add("name at least one recipient");
        }
        document.recipients().stream().filter(code -> !properties.recipients().containsKey(code))
                .forEach(code -> problems.add("no recipient " + code + " is configured"));
        String label = setup.levels().labelOf(document.level()).orElse(null);
        if (label == null) {
            problems.add("documents of level " + document.level() + " are not sent by exchange (highest: "
                    + properties.maxLevel() + ")");
        } else if (scheme.rank(by.clearance()) < scheme.rank(document.level())) {
            problems.add("your clearance " + by.clearance() + " is below the document's level " + document.level());
        }
        if (!problems.isEmpty()) {
            throw refused(by, document, Kind.INVALID, String.join("; ", problems));
        }
        List<ExchangeMetadata.Party> recipients = document.recipients().stream()
                .map(code -> new ExchangeMetadata.Party(code, properties.recipients().get(code).name())).toList();
        byte[] bytes;
        try (UnlockedKey key = setup.seal().unlock()) {
            ExchangeMetadata metadata = new ExchangeMetadata(new ExchangeMetadata.Party(properties.code(), setup.agency()),
                    document.documentNumber(), document.date(), document.urgency(), label, recipients, document.subject(),
                    document.documentName(), List.copyOf(document.attachments().keySet()));
            bytes = setup.packager().pack(metadata, document.pdf(), document.attachments(), key);
        } catch (IllegalArgumentException e) {
            throw refused(by, document, Kind.INVALID, e.getMessage());
        } catch (SigningRefusedException e) {
            throw refused(by, document, Kind.CONFLICT, "the agency's exchange key may not sign: " + e.getMessage());
        }
        String dispatchId = UUID.randomUUID().toString();
        ExchangeFolders.writeAtomically(setup.outgoing(dispatchId), bytes);
        String digest = ExchangeAcknowledgements.digestOf(bytes);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        transactions.executeWithoutResult(status -> {
            for (String recipient : document.recipients()) {
                jdbc.sql("""
                        INSERT INTO exchange_outgoing (dispatch_id, recipient_code, document_number, subject, level,
                            package_digest, status, attempts, dispatched_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                        """).params(dispatchId, recipient, document.documentNumber(), document.subject(),
                        document.level(), digest, by.login(), now).update();
            }
            audit.record(AuditEvent.of("exchange.dispatch", "process").actor(by.login(), by.displayName())
                    .target("exchange-dispatch", dispatchId, document.level())
                    .details(Map.of("documentNumber", document.documentNumber(),
                            "recipients", String.join(",", document.recipients()), "bytes", Integer.toString(bytes.length)))
                    .success().build());
            events.publish(new ExchangeEvents.Dispatched(dispatchId, document.documentNumber(), document.level(),
                    String.join(",", document.recipients()), by.login()), by.login());
        });
        return dispatchId;
    }

    /** Marks waiting packages as being delivered and returns their ids (the delivery route's poll). */
    List<Long> claimPending() {
        List<Long> ids = jdbc.sql("SELECT id FROM exchange_outgoing WHERE status = 'PENDING' ORDER BY id")
                .query(Long.class).list();
        return ids.stream().filter(id -> jdbc.sql("UPDATE exchange_outgoing SET status = 'DELIVERING' WHERE id = ? "
                + "AND status = 'PENDING'").params(id).update() == 1).toList();
    }

    /** After a restart, packages that were being delivered are delivered again (receivers answer a repeat alike). */
    void resumeInterrupted() {
        jdbc.sql("UPDATE exchange_outgoing SET status = 'PENDING' WHERE status = 'DELIVERING'").update();
    }

    /**
     * Delivers one package; a package already acknowledged is left alone, so a replay changes nothing.
     *
     * @throws IOException when the recipient cannot be reached or answers 5xx: retried
     * @throws ExchangeRefusedException when it answers another refusal than a signed one: dead-lettered at once
     */
    void deliver(long id) throws IOException, InterruptedException {
        Outgoing outgoing = find(id).orElseThrow(() -> new IllegalArgumentException("no outgoing package " + id));
        if (!outgoing.status().equals("DELIVERING") && !outgoing.status().equals("PENDING")) {
            return;
        }
        jdbc.sql("UPDATE exchange_outgoing SET attempts = attempts + 1 WHERE id = ?").params(id).update();
        ExchangeProperties.Recipient recipient = properties.recipients().get(outgoing.recipient());
        if (recipient == null) {
            throw new IllegalArgumentException("recipient " + outgoing.recipient() + " is no longer configured");
        }
        byte[] bytes = ExchangeFolders.read(setup.outgoing(outgoing.dispatchId()));
        if (recipient.folder() != null) {
            ExchangeFolders.writeAtomically(recipient.folder().resolve(ExchangeAcknowledgements.digestOf(bytes) + ".asice"),
                    bytes);
            jdbc.sql("UPDATE exchange_outgoing SET status = 'SENT', last_error = NULL WHERE id = ? AND status IN "
                    + "('DELIVERING', 'PENDING')").params(id).update();
            audit.record(AuditEvent.of("exchange.deliver", "process").actor(AuditEvent.Actor.SYSTEM)
                    .target("exchange-outgoing", Long.toString(id), outgoing.level())
                    .details(Map.of("recipient", outgoing.recipient(), "via", "folder")).success().build());
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            answer = setup.clients().get(outgoing.recipient()).send(HttpRequest.newBuilder(URI.create(recipient.url().toString()))
                    .timeout(Duration.ofMinutes(2)).header("Content-Type", ExchangeInboxController.PACKAGE_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            note(id, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
        if (answer.statusCode() >= 500) {
            note(id, "HTTP " + answer.statusCode());
            throw new IOException(outgoing.recipient() + " answered HTTP " + answer.statusCode());
        }
        if (answer.statusCode() != 200 && answer.statusCode() != 422) {
            note(id, "HTTP " + answer.statusCode());
            throw new ExchangeRefusedException(Kind.CONFLICT, outgoing.recipient() + " answered HTTP "
                    + answer.statusCode() + " without a signed acknowledgement");
        }
        recordAcknowledgement(answer.body(), "https");
    }

    /**
     * Records a recipient's acknowledgement: it must be signed by a trusted certificate of the
     * recipient's organisation and name a package sent to it and not yet acknowledged.
     *
     * @return the outgoing package acknowledged
     * @throws ExchangeRefusedException otherwise (audited; nothing changes)
     */
    long recordAcknowledgement(byte[] bytes, String via) {
        ExchangeAcknowledgement acknowledgement;
        try {
            ExchangeAcknowledgements.Signed signed = setup.acknowledgements().read(bytes);
            acknowledgement = signed.acknowledgement();
            ExchangeProperties.Recipient recipient = properties.recipients().get(acknowledgement.receiverCode());
            if (recipient == null || !recipient.organisation().equals(signed.signerOrganisation())) {
                throw new PackageRefusedException(PackageRefusedException.Reason.UNKNOWN_SENDER, "an acknowledgement from "
                        + acknowledgement.receiverCode() + " signed by '" + signed.signerOrganisation()
                        + "', not a configured recipient's organisation");
            }
        } catch (PackageRefusedException e) {
            return refuseAcknowledgement(via, e.reason().name() + ": " + e.getMessage());
        }
        Long id = jdbc.sql("SELECT id FROM exchange_outgoing WHERE package_digest = ? AND recipient_code = ?")
                .params(acknowledgement.packageDigest(), acknowledgement.receiverCode()).query(Long.class).optional()
                .orElse(null);
        if (id == null) {
            return refuseAcknowledgement(via, "no package with digest " + acknowledgement.packageDigest() + " was sent to "
                    + acknowledgement.receiverCode());
        }
        String outcome = acknowledgement.outcome().name();
        Outgoing outgoing = find(id).orElseThrow();
        ExchangeFolders.writeAtomically(setup.acknowledgement("outgoing-acknowledgements", id), bytes);
        transactions.executeWithoutResult(status -> {
            int rows = jdbc.sql("""
                    UPDATE exchange_outgoing SET status = ?, reason = ?, reason_detail = ?, acknowledged_at = ?,
                        last_error = NULL WHERE id = ? AND status IN ('PENDING', 'DELIVERING', 'SENT')
                    """).params(outcome, acknowledgement.reason().isEmpty() ? null : acknowledgement.reason(),
                    acknowledgement.detail().isEmpty() ? null : acknowledgement.detail(),
                    acknowledgement.at().atOffset(ZoneOffset.UTC), id).update();
            if (rows == 0) {
                return;
            }
            audit.record(AuditEvent.of("exchange.acknowledge", "process").actor(AuditEvent.Actor.SYSTEM)
                    .target("exchange-outgoing", Long.toString(id), outgoing.level())
                    .details(Map.of("recipient", outgoing.recipient(), "outcome", outcome, "via", via,
                            "reason", acknowledgement.reason()))
                    .success().build());
            events.publish(new ExchangeEvents.Acknowledged(id, outgoing.recipient(), outgoing.documentNumber(), outcome,
                    acknowledgement.reason()), "exchange");
        });
        return id;
    }

    private long refuseAcknowledgement(String via, String problem) {
        audit.record(AuditEvent.of("exchange.acknowledge", "process").actor(AuditEvent.Actor.SYSTEM)
                .details(Map.of("via", via)).failure(problem).build());
        throw new ExchangeRefusedException(Kind.INVALID, "acknowledgement refused: " + problem);
    }

    public List<Outgoing> recent(int limit) {
        return jdbc.sql("SELECT * FROM exchange_outgoing ORDER BY id DESC").query(ExchangeDispatch::map).list().stream()
                .limit(limit).toList();
    }

    public java.util.Optional<Outgoing> find(long id) {
        return jdbc.sql("SELECT * FROM exchange_outgoing WHERE id = ?").params(id).query(ExchangeDispatch::map).optional();
    }

    /** The recipient's acknowledgement as received (signed), for whoever needs the evidence. */
    java.util.Optional<Path> acknowledgementOf(long id) {
        Path file = setup.acknowledgement("outgoing-acknowledgements", id);
        return java.nio.file.Files.exists(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    private void note(long id, String error) {
        jdbc.sql("UPDATE exchange_outgoing SET last_error = ? WHERE id = ?")
                .params(error.length() > 500 ? error.substring(0, 500) : error, id).update();
    }

    private ExchangeRefusedException refused(WorkspaceUser by, OutgoingDocument document, Kind kind, String problem) {
        audit.record(AuditEvent.of("exchange.dispatch", "process").actor(by.login(), by.displayName())
                .target("exchange-dispatch", document.documentNumber(), document.level())
                .failure(problem).build());
        return new ExchangeRefusedException(kind, problem);
    }

    private static Outgoing map(ResultSet row, int index) throws SQLException {
        OffsetDateTime acknowledged = row.getObject("acknowledged_at", OffsetDateTime.class);
        return new Outgoing(row.getLong("id"), row.getString("dispatch_id"), row.getString("recipient_code"),
                row.getString("document_number"), row.getString("subject"), row.getString("level"),
                row.getString("status"), row.getInt("attempts"), row.getString("last_error"), row.getString("reason"),
                row.getString("reason_detail"), row.getString("dispatched_by"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                acknowledged == null ? null : acknowledged.toInstant());
    }
}
