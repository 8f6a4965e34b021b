package org.agencyworkspace.officialdocs.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Urgency;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.officialdocs.flow.DocumentKind;
import org.agencyworkspace.officialdocs.flow.OfficialDocuments;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

/**
 * The registry desk (登記桌): who may use the exchange (the clerks), dispatching a document kept in
 * Files, and the lists the status page shows with nothing above the viewer's clearance in them.
 */
@Service
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
public class ExchangeDesk {

    /** A dispatch asked for from Files: the PDF's path, attachments' paths, and the metadata. */
    public record DispatchRequest(String path, List<String> attachments, String documentNumber, LocalDate date,
            Urgency urgency, String level, List<String> recipients, String subject) {
    }

    private final ExchangeDispatch dispatch;
    private final ExchangeInbox inbox;
    private final ExchangeProperties properties;
    private final FileStore store;
    private final FileLabels labels;
    private final AccessPolicy policy;
    private final ClassificationScheme scheme;
    private final AuditTrail audit;
    private final ObjectProvider<OfficialDocuments> documents;

    ExchangeDesk(ExchangeDispatch dispatch, ExchangeInbox inbox, ExchangeProperties properties, FileStore store,
            FileLabels labels, AccessPolicy policy, ClassificationScheme scheme, AuditTrail audit,
            ObjectProvider<OfficialDocuments> documents) {
        this.documents = documents;
        this.dispatch = dispatch;
        this.inbox = inbox;
        this.properties = properties;
        this.store = store;
        this.labels = labels;
        this.policy = policy;
        this.scheme = scheme;
        this.audit = audit;
    }

    /** @throws ExchangeRefusedException FORBIDDEN, audited, unless the person is a registry clerk */
    void requireClerk(WorkspaceUser user, String action) {
        if (!user.hasRole(properties.clerkGroup()) && !user.departments().contains(properties.clerkGroup())) {
            audit.record(AuditEvent.of(action, "process").actor(user.login(), user.displayName())
                    .failure("not a registry clerk (" + properties.clerkGroup() + ")").build());
            throw new ExchangeRefusedException(Kind.FORBIDDEN, "only registry clerks (" + properties.clerkGroup()
                    + ") use document exchange");
        }
    }

    /** Dispatches files the clerk may read, none labelled above the level the document is sent at. */
    String dispatch(DispatchRequest request, WorkspaceUser user) {
        requireClerk(user, "exchange.dispatch");
        if (request.path() == null || request.documentNumber() == null || request.date() == null
                || request.urgency() == null || request.level() == null || request.subject() == null) {
            throw new ExchangeRefusedException(Kind.BAD_REQUEST,
                    "path, documentNumber, date, urgency, level, recipients and subject are required");
        }
        scheme.find(request.level()).orElseThrow(() -> new ExchangeRefusedException(Kind.INVALID,
                "no level " + request.level()));
        long budget = properties.maxPackage().toBytes();
        FilePath documentPath = path(request.path());
        byte[] pdf = read(documentPath, request.level(), user, budget);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        long used = pdf.length;
        for (String text : request.attachments() == null ? List.<String>of() : request.attachments()) {
            FilePath attachment = path(text);
            byte[] bytes = read(attachment, request.level(), user, budget - used);
            used += bytes.length;
            if (attachments.put(attachment.name(), bytes) != null) {
                throw new ExchangeRefusedException(Kind.INVALID, "two attachments are named " + attachment.name());
            }
        }
        return dispatch.dispatch(new OutgoingDocument(pdf, documentPath.name(), attachments, request.documentNumber(),
                request.date(), request.urgency(), request.level(), request.recipients() == null ? List.of()
                        : request.recipients(), request.subject()), user);
    }

    /**
     * Dispatches a letter (函) the 簽辦 flow approved: its final PDF with every approval signature,
     * its attachments as approved, its number, urgency, level and subject; the clerk names the
     * recipients' exchange codes. An internal memo (簽) is not sent to other agencies.
     *
     * @throws ExchangeRefusedException not a clerk, no such approved document, a memo, or a level above
     *     the clerk's clearance (each audited), or whatever {@link ExchangeDispatch#dispatch} refuses
     */
    String dispatchApproved(long documentId, List<String> recipients, WorkspaceUser user) {
        requireClerk(user, "exchange.dispatch");
        OfficialDocuments flow = documents.getIfAvailable();
        if (flow == null) {
            throw new ExchangeRefusedException(Kind.NOT_FOUND, "the 簽辦 flow is not running here");
        }
        OfficialDocuments.FinalDocument document;
        try {
            document = flow.finalDocument(documentId);
        } catch (RefusedException notApproved) {
            auditRefusedDocument(user, documentId, null, notApproved.getMessage());
            throw notApproved;
        }
        String problem = document.kind() != DocumentKind.LETTER
                ? "document " + documentId + " is a " + document.kind().nameZh() + ", not a letter (函): it is not sent out"
                : !readable(user, document.level()) ? "document " + documentId + " is " + document.level()
                        + ", above your clearance" : null;
        if (problem != null) {
            auditRefusedDocument(user, documentId, document.level(), problem);
            throw new ExchangeRefusedException(document.kind() != DocumentKind.LETTER ? Kind.CONFLICT
                    : Kind.FORBIDDEN, problem);
        }
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        document.attachments().forEach(attachment -> attachments.put(attachment.name(), attachment.content()));
        return dispatch.dispatch(new OutgoingDocument(document.pdf(), fileName(document.number()), attachments,
                document.number(), LocalDate.ofInstant(document.approvedAt(), scheme.zone()),
                urgency(document.urgency()), document.level(), recipients == null ? List.of() : recipients,
                document.subject()), user);
    }

    private void auditRefusedDocument(WorkspaceUser user, long documentId, String level, String problem) {
        audit.record(AuditEvent.of("exchange.dispatch", "process").actor(user.login(), user.displayName())
                .target("official-document", Long.toString(documentId), level).failure(problem).build());
    }

    /** The PDF's name in the package: the document number, made a plain file name. */
    static String fileName(String number) {
        return number.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_") + ".pdf";
    }

    static Urgency urgency(org.agencyworkspace.officialdocs.flow.Urgency urgency) {
        return switch (urgency) {
            case MOST_URGENT -> Urgency.MOST_URGENT;
            case URGENT -> Urgency.URGENT;
            case NORMAL -> Urgency.ORDINARY;
        };
    }

    /** Outgoing packages; the subject of one above the viewer's clearance is withheld. */
    List<ExchangeDispatch.Outgoing> outgoing(WorkspaceUser user) {
        requireClerk(user, "exchange.list");
        return dispatch.recent(200).stream().map(row -> readable(user, row.level()) ? row
                : new ExchangeDispatch.Outgoing(row.id(), row.dispatchId(), row.recipient(), row.documentNumber(),
                        withheld(row.level()), row.level(), row.status(), row.attempts(), row.lastError(), row.reason(),
                        row.reasonDetail(), row.dispatchedBy(), row.createdAt(), row.acknowledgedAt())).toList();
    }

    /** Received and refused packages; the subject of one above the viewer's clearance is withheld. */
    List<ExchangeInbox.Incoming> incoming(WorkspaceUser user) {
        requireClerk(user, "exchange.list");
        return inbox.recent(200).stream().map(row -> row.level().isEmpty() || readable(user, row.level()) ? row
                : new ExchangeInbox.Incoming(row.id(), row.channel(), row.sender(), row.documentNumber(),
                        withheld(row.level()), row.level(), row.status(), row.reason(), row.reasonDetail(), row.folder(),
                        row.task(), row.receivedAt())).toList();
    }

    private boolean readable(WorkspaceUser user, String level) {
        return scheme.rank(user.clearance()) >= scheme.rank(level);
    }

    private String withheld(String level) {
        return "(" + scheme.level(level).nameZh() + " " + scheme.level(level).nameEn() + ")";
    }

    private byte[] read(FilePath path, String level, WorkspaceUser user, long budget) {
        StoredFile file = store.find(path).filter(found -> !found.folder()).orElseThrow(() ->
                new ExchangeRefusedException(Kind.NOT_FOUND, "no file " + path));
        Label label = labels.effective(file).label();
        AccessDecision read = policy.decide(user, label, FileAction.DOWNLOAD);
        String fileLevel = label == null ? scheme.unmarked().code() : label.level();
        if (!read.allowed() || scheme.rank(fileLevel) > scheme.rank(level)) {
            String problem = !read.allowed() ? "may not read " + path + ": " + read.reason()
                    : path + " is labelled " + fileLevel + ", above the level " + level + " it would be sent at";
            audit.record(AuditEvent.of("exchange.dispatch", "process").actor(user.login(), user.displayName())
                    .target("file", path.toString(), fileLevel).failure(problem).build());
            throw new ExchangeRefusedException(read.allowed() ? Kind.INVALID : Kind.FORBIDDEN, problem);
        }
        if (file.size() > budget) {
            throw new ExchangeRefusedException(Kind.INVALID, "the package would be larger than " + properties.maxPackage());
        }
        try (InputStream in = store.open(path)) {
            return in.readNBytes((int) Math.max(0, budget));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static FilePath path(String text) {
        try {
            return FilePath.of(text);
        } catch (IllegalArgumentException e) {
            throw new ExchangeRefusedException(Kind.BAD_REQUEST, e.getMessage());
        }
    }
}
