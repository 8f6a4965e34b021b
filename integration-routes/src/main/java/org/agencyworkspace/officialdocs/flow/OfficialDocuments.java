package org.agencyworkspace.officialdocs.flow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.IssuedCertificate;
import org.agencyworkspace.connector.signing.SignatureBlock;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.files.delivery.DeliveryRefusedException;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.Signature;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.State;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.Status;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.Step;
import org.agencyworkspace.officialdocs.flow.DocumentRefusedException.Reason;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Official documents handled online (簽辦): a drafter (承辦人) writes a 簽 or 函 from its template,
 * it is reviewed (核稿), co-signed by the departments asked (會辦, in parallel) and decided (決行) by
 * the level the delegation table names. Every step is a PAdES signature, with the signer's own
 * key opened by their passphrase after a fresh step-up, over exactly the bytes the signer saw;
 * each is an incremental revision, so the approved PDF carries all of them in order. Each step is
 * asked of its people through the approvals registry; the signature decides it. Returning for
 * changes (退回) ends the round; the drafter revises and submits a new one; nothing is deleted.
 * Every action and refusal is audited, every action published.
 */
@Service
public class OfficialDocuments {

    /** The approvals registry's kind for the steps. */
    public static final String APPROVAL_KIND = "official-document";
    /** Where the watermarkable viewing copies of labelled documents are kept in Files. */
    static final String FILES_FOLDER = "/official-documents";

    private static final int MAX_CO_SIGN = 10;

    /** What a drafter writes, at creation or when revising. */
    public record Draft(DocumentKind kind, String level, Urgency urgency, String subject, String body,
            String recipients, List<String> coSign, List<String> attachments) {
    }

    /** One step of one round, and the signature (or return) that answered it. */
    public record StepRecord(long id, int round, Step step, String department, String approvalId, String status,
            String actor, String seenSha256, String signedSha256, String comment, Instant createdAt,
            Instant actedAt) {
    }

    /** A file attached from Files, by the content it had when attached. */
    public record Attachment(long id, String path, String name, String level, String sha256, long size) {
    }

    /** A document with its history. */
    public record Document(long id, String number, DocumentKind kind, String level, Urgency urgency,
            String subject, String body, String recipients, String drafter, String department, List<String> coSign,
            Status status, int round, String pdfSha256, Instant createdAt, Instant updatedAt, Instant approvedAt,
            List<StepRecord> steps, List<Attachment> attachments) {

        /** The flow's view: the current round's signatures in the order made. */
        public State state() {
            List<Signature> signatures = steps.stream()
                    .filter(step -> step.round() == round && "SIGNED".equals(step.status()))
                    .sorted(java.util.Comparator.comparing(StepRecord::actedAt).thenComparing(StepRecord::id))
                    .map(step -> new Signature(step.step(), step.department())).toList();
            return new State(status, round, coSign, status == Status.RETURNED ? List.of() : signatures);
        }

        /** The current round's steps still waiting. */
        public List<StepRecord> pending() {
            return steps.stream().filter(step -> step.round() == round && "PENDING".equals(step.status())).toList();
        }
    }

    /** A step waiting for a person, for their work queue. */
    public record QueueItem(Document document, StepRecord step) {
    }

    /** An attachment of an approved document, with its bytes. */
    public record FinalAttachment(String name, String level, String sha256, byte[] content) {
    }

    /**
     * An approved document as dispatch (發文) sends it: the final PDF with every signature, and its
     * register details.
     */
    public record FinalDocument(long id, String number, DocumentKind kind, String subject, Urgency urgency,
            String level, String recipients, Instant approvedAt, byte[] pdf, List<FinalAttachment> attachments) {
    }

    private final JdbcClient jdbc;
    private final OfficialDocumentsProperties properties;
    private final DocumentSigning signing;
    private final DocumentFiles files;
    private final DocumentRenderer renderer;
    private final Approvals approvals;
    private final StaffDirectory directory;
    private final ClassificationScheme scheme;
    private final FileDelivery delivery;
    private final FileStore store;
    private final FileUploads uploads;
    private final Messenger messenger;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final StepUp stepUp;
    private final Clock clock;
    private final String publicBase;

    OfficialDocuments(JdbcClient jdbc, OfficialDocumentsProperties properties, DocumentSigning signing,
            DocumentFiles files, DocumentRenderer renderer, Approvals approvals, StaffDirectory directory,
            ClassificationScheme scheme, FileDelivery delivery, FileStore store, FileUploads uploads,
            Messenger messenger, AuditTrail audit, EventPublisher events, StepUp stepUp, Clock clock,
            WorkspaceProperties workspace) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.signing = signing;
        this.files = files;
        this.renderer = renderer;
        this.approvals = approvals;
        this.directory = directory;
        this.scheme = scheme;
        this.delivery = delivery;
        this.store = store;
        this.uploads = uploads;
        this.messenger = messenger;
        this.audit = audit;
        this.events = events;
        this.stepUp = stepUp;
        this.clock = clock;
        this.publicBase = workspace.publicBase();
    }

    // ---- reading -------------------------------------------------------------------------

    /**
     * The document, when the person may read it: clearance at its level and a part in it (the
     * drafter, a signer, someone a pending step waits for) or the register role. Otherwise 404,
     * audited, so nobody learns that it exists.
     */
    public Document get(long id, WorkspaceUser user) {
        Document document = load(id).orElseThrow(() -> refuse(user, "official-document.read", null,
                Reason.NOT_FOUND, "no document " + id));
        if (!mayRead(document, user)) {
            throw refuse(user, "official-document.read", document, Reason.NOT_FOUND, "no document " + id);
        }
        return document;
    }

    public boolean mayRead(Document document, WorkspaceUser user) {
        if (scheme.rank(user.clearance()) < scheme.rank(document.level())) {
            return false;
        }
        String login = user.login();
        return login.equals(document.drafter()) || user.hasRole(properties.registerRole())
                || document.steps().stream().anyMatch(step -> login.equals(step.actor()))
                || document.pending().stream().anyMatch(step -> mayAct(step, login));
    }

    /** The steps waiting for the person, most urgent first, then oldest. */
    public List<QueueItem> queueOf(WorkspaceUser user) {
        List<String> waiting = approvals.pendingFor(user.login()).stream()
                .filter(approval -> APPROVAL_KIND.equals(approval.kind())).map(Approval::id).toList();
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("SELECT DISTINCT document_id FROM official_document_step WHERE status = 'PENDING'"
                        + " AND approval_id IN (:ids)").param("ids", waiting).query(Long.class).list();
        List<QueueItem> queue = new ArrayList<>();
        for (long id : ids) {
            Document document = load(id).orElseThrow();
            if (scheme.rank(user.clearance()) < scheme.rank(document.level())) {
                continue;
            }
            document.pending().stream().filter(step -> waiting.contains(step.approvalId())).findFirst()
                    .ifPresent(step -> queue.add(new QueueItem(document, step)));
        }
        queue.sort(java.util.Comparator.<QueueItem, Integer>comparing(item -> item.document().urgency().ordinal())
                .thenComparing(item -> item.step().createdAt()));
        return queue;
    }

    /** The person's own drafts and documents, newest first. */
    public List<Document> draftedBy(WorkspaceUser user) {
        return jdbc.sql("SELECT id FROM official_document WHERE drafter = :login ORDER BY id DESC LIMIT 200")
                .param("login", user.login()).query(Long.class).list().stream()
                .map(id -> load(id).orElseThrow()).toList();
    }

    /**
     * The current PDF of an unmarked document, as stored (the signed original), audited. A
     * labelled document's viewing copy leaves only through Files ({@link #labelledCopy}), marked;
     * its original only through {@link #finalDocument} to dispatch.
     */
    public byte[] original(long id, WorkspaceUser user) {
        Document document = get(id, user);
        if (labelled(document)) {
            throw refuse(user, "official-document.original", document, Reason.NOT_SERVED,
                    "a " + document.level() + " document opens as a watermarked copy through Files");
        }
        byte[] pdf = files.read(document.pdfSha256());
        audit.record(event("official-document.original", user, document)
                .details(Map.of("sha256", document.pdfSha256())).build());
        return pdf;
    }

    /**
     * Where the labelled document's current version is in Files, for the delivery path to mark
     * and register a viewing copy; empty for an unmarked document.
     */
    public Optional<FilePath> labelledCopy(long id, WorkspaceUser user) {
        Document document = get(id, user);
        return labelled(document) ? Optional.of(copyPath(document)) : Optional.empty();
    }

    /**
     * An approved document's final PDF and attachments, for dispatch (發文) to package and send.
     * Called by the workspace's own routes, not by a person: no reader check here, so callers
     * must not hand the bytes to people.
     *
     * @throws DocumentRefusedException NOT_FOUND, WRONG_STATE when not approved, DOCUMENT_CHANGED
     *     when the stored bytes no longer match
     */
    public FinalDocument finalDocument(long id) {
        Document document = load(id).orElseThrow(() -> new DocumentRefusedException(Reason.NOT_FOUND,
                "no document " + id));
        if (document.status() != Status.APPROVED) {
            throw new DocumentRefusedException(Reason.WRONG_STATE, "document " + id + " is " + document.status()
                    + ", not approved");
        }
        List<FinalAttachment> attachments = document.attachments().stream()
                .map(attachment -> new FinalAttachment(attachment.name(), attachment.level(), attachment.sha256(),
                        files.read(attachment.sha256()))).toList();
        return new FinalDocument(document.id(), document.number(), document.kind(), document.subject(),
                document.urgency(), document.level(), document.recipients(), document.approvedAt(),
                files.read(document.pdfSha256()), attachments);
    }

    // ---- drafting ------------------------------------------------------------------------

    @Transactional(noRollbackFor = DocumentRefusedException.class)
    public Document create(Draft draft, WorkspaceUser user) {
        String department = user.departments().isEmpty() ? null : user.departments().get(0);
        Checked checked = check(draft, user, department, "official-document.create", null);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO official_document (kind, level, urgency, subject, body, recipients, drafter, department,
                    co_sign, status, round, pdf_sha256, created_at, updated_at)
                VALUES (:kind, :level, :urgency, :subject, :body, :recipients, :drafter, :department, :coSign,
                    'DRAFT', 0, '', :now, :now)
                """)
                .param("kind", draft.kind().name()).param("level", checked.level().code())
                .param("urgency", draft.urgency().name()).param("subject", draft.subject().strip())
                .param("body", draft.body().strip()).param("recipients", blankToNull(draft.recipients()))
                .param("drafter", user.login()).param("department", department)
                .param("coSign", String.join(",", checked.coSign())).param("now", utc(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        String number = properties.numberPrefix() + (now.atZone(scheme.zone()).getYear() - 1911)
                + String.format("%07d", id);
        jdbc.sql("UPDATE official_document SET number = :number WHERE id = :id").param("number", number)
                .param("id", id).update();
        saveAttachments(id, checked.attachments());
        Document document = load(id).orElseThrow();
        document = rendered(document, user);
        audit.record(event("official-document.create", user, document)
                .details(Map.of("kind", draft.kind().name(), "urgency", draft.urgency().name(),
                        "attachments", Integer.toString(checked.attachments().size()))).build());
        events.publish(new OfficialDocumentEvents.Drafted(id, number, draft.kind().name(), document.level(),
                draft.urgency().name(), user.login()), user.login());
        return document;
    }

    /** The drafter changes a draft or a returned document; it is rendered afresh. */
    @Transactional(noRollbackFor = DocumentRefusedException.class)
    public Document revise(long id, Draft draft, WorkspaceUser user) {
        Document document = ownEditable(id, user, "official-document.revise");
        Checked checked = check(draft, user, document.department(), "official-document.revise", document);
        jdbc.sql("""
                UPDATE official_document SET kind = :kind, level = :level, urgency = :urgency, subject = :subject,
                    body = :body, recipients = :recipients, co_sign = :coSign, updated_at = :now WHERE id = :id
                """)
                .param("kind", draft.kind().name()).param("level", checked.level().code())
                .param("urgency", draft.urgency().name()).param("subject", draft.subject().strip())
                .param("body", draft.body().strip()).param("recipients", blankToNull(draft.recipients()))
                .param("coSign", String.join(",", checked.coSign())).param("now", utc(clock.instant()))
                .param("id", id).update();
        jdbc.sql("DELETE FROM official_document_attachment WHERE document_id = :id").param("id", id).update();
        saveAttachments(id, checked.attachments());
        Document revised = rendered(load(id).orElseThrow(), user);
        audit.record(event("official-document.revise", user, revised)
                .details(Map.of("round", Integer.toString(revised.round()))).build());
        events.publish(new OfficialDocumentEvents.Revised(id, revised.round(), revised.pdfSha256(), user.login()),
                user.login());
        return revised;
    }

    /** Sends a draft or returned document to review (核稿), in a new round. */
    @Transactional(noRollbackFor = DocumentRefusedException.class)
    public Document submit(long id, WorkspaceUser user) {
        Document document = ownEditable(id, user, "official-document.submit");
        State next = DocumentFlow.submit(document.state());
        Approval review;
        try {
            review = approvals.request(APPROVAL_KIND, approvalSubject(document, Step.REVIEW), link(document),
                    document.drafter(), properties.reviewRole(), Approval.Scope.REQUESTER_DEPARTMENTS);
        } catch (IllegalArgumentException nobody) {
            throw refuse(user, "official-document.submit", document, Reason.NO_DECIDER,
                    "nobody can review: " + nobody.getMessage());
        }
        Instant now = clock.instant();
        insertStep(id, next.round(), Step.REVIEW, "", review.id(), now);
        jdbc.sql("UPDATE official_document SET status = 'REVIEW', round = :round, updated_at = :now WHERE id = :id")
                .param("round", next.round()).param("now", utc(now)).param("id", id).update();
        Document submitted = load(id).orElseThrow();
        notifySigners(submitted, List.of(review));
        audit.record(event("official-document.submit", user, submitted)
                .details(Map.of("round", Integer.toString(next.round()), "approval", review.id())).build());
        events.publish(new OfficialDocumentEvents.Submitted(id, next.round(), user.login()), user.login());
        return submitted;
    }

    // ---- signing and returning -----------------------------------------------------------

    /**
     * Signs the step waiting for the person. Refused, audited and with nothing signed when the
     * step is not theirs, their clearance is below the document, the sign-in is not stepped up,
     * the bytes are not the ones they saw (or not the ones last signed), or their key does not
     * open or may not sign.
     *
     * @param seenSha256 the SHA-256 of the PDF the person read before signing
     * @throws StepUpRequiredException when the sign-in is not freshly stepped up (audited); the
     *     web layer answers it with the way to re-authenticate
     */
    @Transactional(noRollbackFor = {DocumentRefusedException.class, StepUpRequiredException.class})
    public Document sign(long id, char[] passphrase, String seenSha256, WorkspaceUser user) {
        String action = "official-document.sign";
        // one signature at a time per document: a second signer waits here, then sees the new bytes
        jdbc.sql("SELECT id FROM official_document WHERE id = :id FOR UPDATE").param("id", id).query(Long.class)
                .optional();
        Document document = get(id, user);
        StepRecord step = stepOf(document, user, action);
        Approval approval = approvals.find(step.approvalId()).orElseThrow();
        if (approval.status() != Approval.Status.PENDING) {
            throw refuse(user, action, document, Reason.WRONG_STATE, "the step was already decided");
        }
        requireStepUp(user, action, document);
        if (seenSha256 == null || !seenSha256.equalsIgnoreCase(document.pdfSha256())) {
            throw refuse(user, action, document, Reason.DOCUMENT_CHANGED,
                    "the document changed since you opened it: read the current version, then sign");
        }
        byte[] seen;
        try {
            seen = files.read(document.pdfSha256());
        } catch (DocumentRefusedException altered) {
            throw refuse(user, action, document, altered.reason(), altered.getMessage());
        }
        byte[] signed;
        try (UnlockedKey key = signing.custody().unlock(user.login(), passphrase == null ? new char[0] : passphrase)) {
            signed = signing.signer().sign(seen, key, block(user, step), properties.padesLevel());
        } catch (SigningRefusedException refused) {
            throw refuse(user, action, document, DocumentRefusedException.reasonOf(refused), refused.getMessage());
        } catch (DocumentRefusedException unavailable) {
            throw refuse(user, action, document, unavailable.reason(), unavailable.getMessage());
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
        // From here on every failure rolls the whole step back (the stored bytes stay unnamed).
        String signedSha = files.write(signed);
        Instant now = clock.instant();
        State next = DocumentFlow.sign(document.state(), step.step(), step.department());
        jdbc.sql("""
                UPDATE official_document_step SET status = 'SIGNED', actor = :actor, seen_sha256 = :seen,
                    signed_sha256 = :signed, acted_at = :now WHERE id = :id AND status = 'PENDING'
                """)
                .param("actor", user.login()).param("seen", document.pdfSha256()).param("signed", signedSha)
                .param("now", utc(now)).param("id", step.id()).update();
        Approvals.Decision decision = approvals.decide(approval.id(), user.login(), true, null);
        if (decision.outcome() != Approvals.Outcome.DECIDED) {
            throw new RefusedException(RefusedException.Kind.CONFLICT, "Official document: step taken meanwhile",
                    "the step was decided meanwhile (" + decision.outcome() + "); nothing was signed");
        }
        int changed = jdbc.sql("""
                UPDATE official_document SET status = :status, pdf_sha256 = :sha, updated_at = :now,
                    approved_at = :approved WHERE id = :id AND pdf_sha256 = :seen
                """)
                .param("status", next.status().name()).param("sha", signedSha).param("now", utc(now))
                .param("approved", next.status() == Status.APPROVED ? utc(now) : null)
                .param("id", id).param("seen", document.pdfSha256()).update();
        if (changed == 0) {
            throw new RefusedException(RefusedException.Kind.CONFLICT, "Official document: changed meanwhile",
                    "another signature was added meanwhile: read the current version, then sign");
        }
        List<Approval> asked = new ArrayList<>();
        if (step.step() == Step.REVIEW || next.status() == Status.DECISION && step.step() == Step.CO_SIGN) {
            asked.addAll(askNext(document, next, now));
        }
        Document after = load(id).orElseThrow();
        if (labelled(after)) {
            storeLabelledCopy(after, signed, user);
        }
        audit.record(event(action, user, after).details(Map.of("step", step.step().name(),
                "department", step.department(), "round", Integer.toString(after.round()),
                "seen", document.pdfSha256(), "signed", signedSha)).build());
        events.publish(new OfficialDocumentEvents.Signed(id, after.round(), step.step().name(),
                step.department().isEmpty() ? null : step.department(), user.login(), signedSha), user.login());
        if (after.status() == Status.APPROVED) {
            audit.record(event("official-document.approve", user, after).details(Map.of("sha256", signedSha)).build());
            events.publish(new OfficialDocumentEvents.Approved(id, after.number(), after.kind().name(), after.level(),
                    after.urgency().name(), user.login(), signedSha), user.login());
            notifyDrafter(after, "official-document.approved", user.displayName(), "");
        } else {
            notifySigners(after, asked);
        }
        return after;
    }

    /**
     * 退回: the person a pending step waits for sends the document back to its drafter with a
     * reason. The round's other waiting steps end (SUPERSEDED); the history keeps everything.
     */
    @Transactional(noRollbackFor = DocumentRefusedException.class)
    public Document returnForChanges(long id, String reason, WorkspaceUser user) {
        String action = "official-document.return";
        Document document = get(id, user);
        StepRecord step = stepOf(document, user, action);
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw refuse(user, action, document, Reason.INVALID, "reason: 1 to 500 characters, required to return");
        }
        DocumentFlow.returned(document.state());
        Approvals.Decision decision = approvals.decide(step.approvalId(), user.login(), false, reason.strip());
        if (decision.outcome() != Approvals.Outcome.DECIDED) {
            throw refuse(user, action, document, Reason.WRONG_STATE,
                    "the step was decided meanwhile (" + decision.outcome() + ")");
        }
        recordReturn(document, step, user.login(), reason.strip());
        Document after = load(id).orElseThrow();
        audit.record(event(action, user, after).reason(reason.strip())
                .details(Map.of("step", step.step().name(), "round", Integer.toString(after.round()))).build());
        return after;
    }

    /**
     * Follows a decision the approvals registry published on a step. The flow's own signatures
     * and returns decided it already: nothing to do. A rejection made elsewhere (the approvals
     * page, chat {@code !reject}) returns the document. An approval made elsewhere carries no
     * signature: it does not count, and the step is asked again so it is signed on the page.
     * Idempotent: a replayed event changes nothing.
     */
    @Transactional
    public void onApprovalDecided(String approvalId) {
        Optional<Approval> found = approvals.find(approvalId);
        Optional<StepRecord> waiting = jdbc.sql("SELECT * FROM official_document_step WHERE approval_id = :id"
                        + " AND status = 'PENDING'").param("id", approvalId).query(OfficialDocuments::step).optional();
        if (found.isEmpty() || waiting.isEmpty() || found.get().status() == Approval.Status.PENDING) {
            return;
        }
        Approval approval = found.get();
        StepRecord step = waiting.get();
        Document document = load(jdbc.sql("SELECT document_id FROM official_document_step WHERE id = :id")
                .param("id", step.id()).query(Long.class).single()).orElseThrow();
        if (approval.status() == Approval.Status.REJECTED) {
            recordReturn(document, step, approval.decidedBy(), approval.reason());
            audit.record(AuditEvent.of("official-document.return", "process")
                    .actor(approval.decidedBy(), approval.decidedBy())
                    .target("official-document", Long.toString(document.id()), document.level())
                    .reason(approval.reason()).details(Map.of("step", step.step().name(), "via", "approvals")).build());
            return;
        }
        Approval again = approvals.request(APPROVAL_KIND, approvalSubject(document, step.step()), link(document),
                document.drafter(), approval.approverRole(), approval.scope());
        jdbc.sql("UPDATE official_document_step SET approval_id = :again WHERE id = :id")
                .param("again", again.id()).param("id", step.id()).update();
        audit.record(AuditEvent.of("official-document.unsigned-approval", "process")
                .actor(approval.decidedBy(), approval.decidedBy())
                .target("official-document", Long.toString(document.id()), document.level())
                .failure("an approval without a signature does not decide a step; asked again as " + again.id())
                .build());
        notifySigners(document, List.of(again));
    }

    // ---- certificates --------------------------------------------------------------------

    /**
     * Issues the person a signing certificate from the agency CA, held in custody under their
     * passphrase (which is never stored). Needs a fresh step-up; replaces an earlier one.
     */
    public X509View issueCertificate(char[] passphrase, WorkspaceUser user) {
        String action = "official-document.certificate-issue";
        try {
            requireStepUp(user, action, null);
            if (passphrase == null || passphrase.length < properties.minPassphraseLength()) {
                throw refuse(user, action, null, Reason.INVALID,
                        "passphrase: at least " + properties.minPassphraseLength() + " characters");
            }
            StaffDirectory.StaffMember member = directory.find(user.login()).orElse(null);
            String name = member == null ? user.displayName() : member.displayNameZh();
            IssuedCertificate issued;
            try {
                issued = signing.authority().ca().issue(new CertificateHolder(name, "",
                        user.departments().isEmpty() ? "" : user.departments().get(0), user.login()), passphrase,
                        clock.instant().plus(properties.certificateValidity()));
            } catch (DocumentRefusedException unavailable) {
                throw refuse(user, action, null, unavailable.reason(), unavailable.getMessage());
            }
            signing.custody().deposit(user.login(), issued);
            String serial = issued.serial().toString(16);
            audit.record(AuditEvent.of(action, "iam").actor(user.login(), user.displayName())
                    .target("certificate", serial).success().build());
            events.publish(new OfficialDocumentEvents.CertificateIssued(user.login(), serial), user.login());
            return X509View.of(issued.certificate());
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** The person's certificate in custody, if any. */
    /**
     * Takes the person's own certificate and key (a PKCS#12 issued elsewhere, e.g. under the
     * government CA hierarchy) into key custody: it must open with their passphrase, chain to a
     * configured trust anchor, be current, and name them (its common name is their Chinese or
     * English name), so nobody signs under someone else's certificate. Needs a fresh step-up.
     */
    public X509View importCertificate(byte[] pkcs12, char[] passphrase, WorkspaceUser user) {
        String action = "official-document.certificate-import";
        try {
            requireStepUp(user, action, null);
            if (pkcs12 == null || pkcs12.length == 0 || passphrase == null) {
                throw refuse(user, action, null, Reason.INVALID, "a key file (PKCS#12) and its passphrase are needed");
            }
            if (passphrase.length < properties.minPassphraseLength()) {
                throw refuse(user, action, null, Reason.INVALID, "passphrase: at least "
                        + properties.minPassphraseLength() + " characters (the key is kept under it)");
            }
            StaffDirectory.StaffMember member = directory.find(user.login()).orElse(null);
            List<String> names = java.util.stream.Stream.of(member == null ? null : member.displayNameZh(),
                    member == null ? null : member.displayNameEn(), user.displayName())
                    .filter(name -> name != null && !name.isBlank()).toList();
            java.security.cert.X509Certificate certificate;
            try {
                certificate = signing.custody().importOwn(user.login(), pkcs12, passphrase.clone(),
                        imported -> CertificateChecks.commonName(imported)
                                .filter(commonName -> names.stream().anyMatch(commonName::equalsIgnoreCase))
                                .isPresent());
            } catch (SigningRefusedException refused) {
                throw refuse(user, action, null, DocumentRefusedException.reasonOf(refused), refused.getMessage()
                        + (refused.reason() == SigningRefusedException.Reason.NOT_THE_HOLDER
                                ? " (its common name must be yours: " + String.join(" / ", names) + ")" : ""));
            } catch (DocumentRefusedException unavailable) {
                throw refuse(user, action, null, unavailable.reason(), unavailable.getMessage());
            }
            String serial = certificate.getSerialNumber().toString(16);
            audit.record(AuditEvent.of(action, "iam").actor(user.login(), user.displayName())
                    .target("certificate", serial).details(Map.of("subject",
                            certificate.getSubjectX500Principal().getName())).success().build());
            events.publish(new OfficialDocumentEvents.CertificateImported(user.login(), serial,
                    certificate.getIssuerX500Principal().getName()), user.login());
            return X509View.of(certificate);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    public Optional<X509View> certificateOf(WorkspaceUser user) {
        try {
            return signing.custody().certificate(user.login()).map(X509View::of);
        } catch (DocumentRefusedException unavailable) {
            return Optional.empty();
        }
    }

    /** A certificate as people read it. */
    public record X509View(String serial, String subject, Instant notBefore, Instant notAfter) {
        static X509View of(java.security.cert.X509Certificate certificate) {
            return new X509View(certificate.getSerialNumber().toString(16), certificate.getSubjectX500Principal().getName(),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private record Checked(ClassificationLevel level, List<String> coSign, List<NewAttachment> attachments) {
    }

    private record NewAttachment(String path, String name, String level, String sha256, long size) {
    }

    /** Checks a draft whole: every problem named at once, audited, nothing stored. */
    private Checked check(Draft draft, WorkspaceUser user, String department, String action, Document document) {
        List<String> problems = new ArrayList<>();
        if (draft.kind() == null) {
            problems.add("kind: SIGN (簽) or LETTER (函)");
        }
        if (draft.urgency() == null) {
            problems.add("urgency: MOST_URGENT (最速件), URGENT (速件) or NORMAL (普通件)");
        }
        text(draft.subject(), "subject (主旨)", 300, problems);
        text(draft.body(), "body (說明)", 10_000, problems);
        if (draft.recipients() != null && draft.recipients().length() > 500) {
            problems.add("recipients (受文者): at most 500 characters");
        }
        if (draft.kind() == DocumentKind.LETTER && (draft.recipients() == null || draft.recipients().isBlank())) {
            problems.add("recipients (受文者): a letter (函) names who it goes to");
        }
        if (department == null) {
            problems.add("you belong to no department: a document is drafted in one");
        }
        renderer.undrawable(draft.subject(), draft.body(), draft.recipients(), user.displayName())
                .ifPresent(character -> problems.add("text: the document font cannot print " + character));
        String code = draft.level() == null || draft.level().isBlank() ? scheme.unmarked().code() : draft.level();
        ClassificationLevel level = scheme.find(code).orElse(null);
        if (level == null || !level.acceptedAtUpload()) {
            problems.add("level: " + code + " is not a level documents may be kept at");
        }
        List<String> coSign = draft.coSign() == null ? List.of() : draft.coSign().stream()
                .filter(value -> value != null && !value.isBlank()).map(String::strip).distinct().toList();
        if (coSign.size() > MAX_CO_SIGN) {
            problems.add("co-signing (會辦): at most " + MAX_CO_SIGN + " departments");
        }
        for (String unit : coSign) {
            if (unit.equals(department)) {
                problems.add("co-signing (會辦): " + unit + " is the drafting department");
            } else if (unit.contains(",") || directory.membersOf(unit).isEmpty()) {
                problems.add("co-signing (會辦): no department " + unit + " with members");
            }
        }
        if (!problems.isEmpty()) {
            throw refuse(user, action, document, Reason.INVALID, problems);
        }
        if (scheme.rank(user.clearance()) < scheme.rank(level.code())) {
            throw refuse(user, action, document, Reason.ABOVE_CLEARANCE,
                    "level: your clearance " + user.clearance() + " is below " + level.code());
        }
        Optional<OfficialDocumentsProperties.Delegation> rule = properties.decider(draft.kind(), level.code());
        if (rule.isEmpty() || directory.membersOf(rule.get().role()).stream().noneMatch(login ->
                scheme.rank(directory.find(login).map(StaffDirectory.StaffMember::clearance).orElse("")) >= scheme.rank(level.code()))) {
            throw refuse(user, action, document, Reason.NO_DECIDER, "the delegation table (分層負責) names nobody "
                    + "cleared for " + level.code() + " to decide a " + draft.kind().nameZh() + " ("
                    + rule.map(OfficialDocumentsProperties.Delegation::role).orElse("no rule") + ")");
        }
        List<NewAttachment> attachments = attachments(draft.attachments(), level, user, action, document);
        Optional<String> unprintable = renderer.undrawable(attachments.stream().map(NewAttachment::name)
                .toArray(String[]::new));
        if (unprintable.isPresent()) {
            throw refuse(user, action, document, Reason.INVALID,
                    "attachments: the document font cannot print " + unprintable.get() + " in a file name");
        }
        return new Checked(level, coSign, attachments);
    }

    /**
     * Reads the files to attach through the Files policy as a download (clearance, need to know,
     * the level allowing copies out); one refused file refuses the draft. An attachment above the
     * document's level would leave with a lower marking, so it is refused too.
     */
    private List<NewAttachment> attachments(List<String> paths, ClassificationLevel level, WorkspaceUser user,
            String action, Document document) {
        List<String> wanted = paths == null ? List.of() : paths.stream().filter(path -> path != null && !path.isBlank())
                .distinct().toList();
        if (wanted.size() > properties.maxAttachments()) {
            throw refuse(user, action, document, Reason.INVALID, "attachments: at most " + properties.maxAttachments());
        }
        List<NewAttachment> attachments = new ArrayList<>();
        for (String text : wanted) {
            FilePath path;
            try {
                path = FilePath.of(text);
            } catch (IllegalArgumentException e) {
                throw refuse(user, action, document, Reason.INVALID, "attachment " + text + ": " + e.getMessage());
            }
            FileDelivery.Check check;
            try {
                check = delivery.check(path, user, DeliveryKind.DOWNLOAD);
            } catch (DeliveryRefusedException refused) {
                throw refuse(user, action, document, refused.reason() == DeliveryRefusedException.Reason.DENIED
                        ? Reason.ABOVE_CLEARANCE : Reason.INVALID, "attachment " + path + ": " + refused.getMessage());
            }
            String attachmentLevel = check.label().label() == null ? scheme.unmarked().code()
                    : check.label().label().level();
            if (scheme.rank(attachmentLevel) > scheme.rank(level.code())) {
                throw refuse(user, action, document, Reason.ABOVE_CLEARANCE, "attachment " + path + " is "
                        + attachmentLevel + ", above the document's " + level.code() + ": raise the document's level");
            }
            if (check.file().size() > properties.maxAttachmentSize().toBytes()) {
                throw refuse(user, action, document, Reason.INVALID, "attachment " + path + " is larger than "
                        + properties.maxAttachmentSize());
            }
            byte[] content;
            try (InputStream in = store.open(path)) {
                content = in.readNBytes((int) properties.maxAttachmentSize().toBytes() + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            attachments.add(new NewAttachment(path.toString(), path.name(), attachmentLevel, files.write(content),
                    content.length));
        }
        return attachments;
    }

    private void saveAttachments(long id, List<NewAttachment> attachments) {
        for (NewAttachment attachment : attachments) {
            jdbc.sql("INSERT INTO official_document_attachment (document_id, path, name, level, sha256, size)"
                            + " VALUES (:id, :path, :name, :level, :sha, :size)")
                    .param("id", id).param("path", attachment.path()).param("name", attachment.name())
                    .param("level", attachment.level()).param("sha", attachment.sha256())
                    .param("size", attachment.size()).update();
        }
    }

    /** Renders the document's text and stores it as its current version. */
    private Document rendered(Document document, WorkspaceUser user) {
        // the text was checked against the font when drafted: a failure here is the workspace's
        byte[] pdf = renderer.render(new DocumentRenderer.Content(document.kind(), document.number(),
                scheme.level(document.level()).nameZh(), document.urgency(), document.subject(), document.body(),
                document.recipients(), user.displayName(), document.department(),
                document.attachments().stream().map(Attachment::name).toList(), clock.instant()));
        String sha = files.write(pdf);
        jdbc.sql("UPDATE official_document SET pdf_sha256 = :sha WHERE id = :id").param("sha", sha)
                .param("id", document.id()).update();
        Document after = load(document.id()).orElseThrow();
        if (labelled(after)) {
            storeLabelledCopy(after, pdf, user);
        }
        return after;
    }

    /**
     * Keeps the version in Files under its label, readable by the document's people only, so its
     * viewing copies go through the delivery path (marked, registered). Never the signed bytes'
     * place of record: that is {@link DocumentFiles}.
     */
    private void storeLabelledCopy(Document document, byte[] pdf, WorkspaceUser user) {
        LabelRequest label = new LabelRequest(document.level(), "公文 " + document.number(), null, null,
                "依原公文之解密條件 as the document's own declassification", false, List.copyOf(chain(document)),
                List.of());
        uploads.store(copyPath(document), new ByteArrayInputStream(pdf), label, user);
    }

    /**
     * Everyone who may take part in the document's chain: the drafter, whoever acted, the
     * reviewers of the drafter's departments, the co-signing departments' members, the deciders
     * of its delegation rule, the register desk. Known when drafting, so every version's copy
     * names the same people (the policy still checks each one's clearance).
     */
    private Set<String> chain(Document document) {
        Set<String> people = new LinkedHashSet<>();
        people.add(document.drafter());
        document.steps().stream().map(StepRecord::actor).filter(actor -> actor != null).forEach(people::add);
        List<String> departments = directory.find(document.drafter()).map(StaffDirectory.StaffMember::departments)
                .orElse(List.of());
        java.util.function.Predicate<String> colleague = login -> departments.stream()
                .anyMatch(department -> directory.membersOf(department).contains(login));
        directory.membersOf(properties.reviewRole()).stream().filter(colleague).forEach(people::add);
        document.coSign().forEach(unit -> people.addAll(directory.membersOf(unit)));
        properties.decider(document.kind(), document.level()).ifPresent(rule -> directory.membersOf(rule.role())
                .stream().filter(login -> rule.scope() == Approval.Scope.AGENCY || colleague.test(login))
                .forEach(people::add));
        people.addAll(directory.membersOf(properties.registerRole()));
        return people;
    }

    private FilePath copyPath(Document document) {
        return FilePath.of(FILES_FOLDER + "/" + document.id() + "/" + document.number() + "-"
                + document.pdfSha256().substring(0, 12) + ".pdf");
    }

    /** Asks for the step(s) that follow: each co-signing department, or the decision. */
    private List<Approval> askNext(Document document, State next, Instant now) {
        List<Approval> asked = new ArrayList<>();
        if (next.status() == Status.CO_SIGN) {
            for (String unit : next.coSignPending()) {
                Approval approval = approvals.request(APPROVAL_KIND, approvalSubject(document, Step.CO_SIGN) + " "
                        + unit, link(document), document.drafter(), unit, Approval.Scope.AGENCY);
                insertStep(document.id(), next.round(), Step.CO_SIGN, unit, approval.id(), now);
                asked.add(approval);
            }
        } else if (next.status() == Status.DECISION) {
            OfficialDocumentsProperties.Delegation rule = properties.decider(document.kind(), document.level())
                    .orElseThrow(() -> new IllegalStateException("no delegation rule for " + document.kind() + " "
                            + document.level() + ": it was checked when drafting"));
            Approval approval = approvals.request(APPROVAL_KIND, approvalSubject(document, Step.DECISION),
                    link(document), document.drafter(), rule.role(), rule.scope());
            insertStep(document.id(), next.round(), Step.DECISION, "", approval.id(), now);
            asked.add(approval);
        }
        return asked;
    }

    private void recordReturn(Document document, StepRecord step, String by, String reason) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE official_document_step SET status = 'RETURNED', actor = :by, comment = :reason,"
                        + " acted_at = :now WHERE id = :id")
                .param("by", by).param("reason", reason).param("now", utc(now)).param("id", step.id()).update();
        jdbc.sql("UPDATE official_document_step SET status = 'SUPERSEDED', acted_at = :now"
                        + " WHERE document_id = :document AND round = :round AND status = 'PENDING'")
                .param("now", utc(now)).param("document", document.id()).param("round", document.round()).update();
        jdbc.sql("UPDATE official_document SET status = 'RETURNED', updated_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", document.id()).update();
        events.publish(new OfficialDocumentEvents.Returned(document.id(), document.round(), step.step().name(), by,
                document.drafter()), by);
        notifyDrafter(document, "official-document.returned", by, reason == null ? "" : reason);
    }

    /** The pending step of the document the person may act on; refused (403) when none. */
    private StepRecord stepOf(Document document, WorkspaceUser user, String action) {
        return document.pending().stream().filter(step -> mayAct(step, user.login())).findFirst()
                .orElseThrow(() -> refuse(user, action, document, Reason.NOT_YOUR_STEP,
                        "no step of this document waits for you (it is " + document.status() + ")"));
    }

    private boolean mayAct(StepRecord step, String login) {
        return approvals.find(step.approvalId()).filter(approval -> approval.status() == Approval.Status.PENDING
                && !approval.requester().equals(login) && approvals.mayDecide(approval, login)).isPresent();
    }

    private Document ownEditable(long id, WorkspaceUser user, String action) {
        Document document = get(id, user);
        if (!document.drafter().equals(user.login())) {
            throw refuse(user, action, document, Reason.NOT_YOUR_STEP, "only the drafter changes or submits it");
        }
        if (!document.state().editable()) {
            throw refuse(user, action, document, Reason.WRONG_STATE,
                    "it is " + document.status() + ": only a draft or a returned document is changed or submitted");
        }
        return document;
    }

    private SignatureBlock block(WorkspaceUser user, StepRecord step) {
        String title = step.step() == Step.CO_SIGN ? step.department()
                : user.departments().isEmpty() ? "" : user.departments().get(0);
        return new SignatureBlock(directory.find(user.login()).map(StaffDirectory.StaffMember::displayNameZh)
                .filter(name -> !name.isBlank()).orElse(user.displayName()), title,
                step.step().nameZh() + " " + step.step().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private void notifySigners(Document document, List<Approval> asked) {
        for (Approval approval : asked) {
            for (String login : directory.membersOf(approval.approverRole())) {
                if (approvals.mayDecide(approval, login) && !login.equals(document.drafter())) {
                    messenger.send(OutgoingMessage.of(Recipient.user(login), "official-document.to-sign",
                            parameters(document, Map.of("step", stepOf(approval, document)))));
                }
            }
        }
    }

    private String stepOf(Approval approval, Document document) {
        return jdbc.sql("SELECT step FROM official_document_step WHERE approval_id = :id").param("id", approval.id())
                .query(String.class).optional().map(step -> Step.valueOf(step).nameZh()).orElse("");
    }

    private void notifyDrafter(Document document, String template, String by, String reason) {
        messenger.send(OutgoingMessage.of(Recipient.user(document.drafter()), template,
                parameters(document, Map.of("by", by, "reason", reason))));
    }

    private Map<String, String> parameters(Document document, Map<String, String> more) {
        Map<String, String> parameters = new HashMap<>(more);
        parameters.put("id", Long.toString(document.id()));
        parameters.put("number", document.number());
        // a labelled document's subject stays in the workspace, out of chat and mail
        parameters.put("subject", labelled(document) ? scheme.level(document.level()).nameZh() + "件" : document.subject());
        parameters.put("urgency", document.urgency().nameZh());
        parameters.put("link", publicBase + link(document));
        return parameters;
    }

    private String approvalSubject(Document document, Step step) {
        return "公文 " + document.number() + " " + step.nameZh() + " [" + document.urgency().nameZh() + "]"
                + (labelled(document) ? "" : " " + abbreviate(document.subject()));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static String link(Document document) {
        return "/official-documents/" + document.id();
    }

    private boolean labelled(Document document) {
        return !scheme.unmarked().code().equals(document.level());
    }

    private void insertStep(long id, int round, Step step, String department, String approvalId, Instant now) {
        jdbc.sql("""
                INSERT INTO official_document_step (document_id, round, step, department, approval_id, status, created_at)
                VALUES (:id, :round, :step, :department, :approval, 'PENDING', :now)
                """)
                .param("id", id).param("round", round).param("step", step.name()).param("department", department)
                .param("approval", approvalId).param("now", utc(now)).update();
    }

    private DocumentRefusedException refuse(WorkspaceUser user, String action, Document document, Reason reason,
            String problem) {
        return refuse(user, action, document, reason, List.of(problem));
    }

    /** The workspace's one step-up rule; a refusal is audited here and answered by the web layer. */
    private void requireStepUp(WorkspaceUser user, String action, Document document) {
        try {
            stepUp.require();
        } catch (StepUpRequiredException refused) {
            audit(user, action, document, "STEP_UP_REQUIRED", List.of(refused.getMessage()));
            throw refused;
        }
    }

    private DocumentRefusedException refuse(WorkspaceUser user, String action, Document document, Reason reason,
            List<String> problems) {
        audit(user, action, document, reason.name(), problems);
        return new DocumentRefusedException(reason, problems);
    }

    private void audit(WorkspaceUser user, String action, Document document, String reason, List<String> problems) {
        AuditEvent.Builder record = AuditEvent.of(action, "process").actor(user.login(), user.displayName())
                .failure(reason + ": " + String.join("; ", problems));
        if (document != null) {
            record.target("official-document", Long.toString(document.id()), document.level());
        }
        audit.record(record.build());
    }

    private static AuditEvent.Builder event(String action, WorkspaceUser user, Document document) {
        return AuditEvent.of(action, "process").actor(user.login(), user.displayName())
                .target("official-document", Long.toString(document.id()), document.level()).success();
    }

    Optional<Document> load(long id) {
        Optional<Row> row = jdbc.sql("SELECT * FROM official_document WHERE id = :id").param("id", id)
                .query(OfficialDocuments::row).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<StepRecord> steps = jdbc.sql("SELECT * FROM official_document_step WHERE document_id = :id ORDER BY id")
                .param("id", id).query(OfficialDocuments::step).list();
        List<Attachment> attachments = jdbc.sql("SELECT * FROM official_document_attachment WHERE document_id = :id"
                        + " ORDER BY id").param("id", id)
                .query((rs, n) -> new Attachment(rs.getLong("id"), rs.getString("path"), rs.getString("name"),
                        rs.getString("level"), rs.getString("sha256"), rs.getLong("size"))).list();
        Row r = row.get();
        return Optional.of(new Document(r.id, r.number, r.kind, r.level, r.urgency, r.subject, r.body, r.recipients,
                r.drafter, r.department, r.coSign, r.status, r.round, r.pdfSha256, r.createdAt, r.updatedAt,
                r.approvedAt, steps, attachments));
    }

    private record Row(long id, String number, DocumentKind kind, String level, Urgency urgency, String subject,
            String body, String recipients, String drafter, String department, List<String> coSign, Status status,
            int round, String pdfSha256, Instant createdAt, Instant updatedAt, Instant approvedAt) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String coSign = rs.getString("co_sign");
        return new Row(rs.getLong("id"), rs.getString("number"), DocumentKind.valueOf(rs.getString("kind")),
                rs.getString("level"), Urgency.valueOf(rs.getString("urgency")), rs.getString("subject"),
                rs.getString("body"), rs.getString("recipients"), rs.getString("drafter"), rs.getString("department"),
                coSign == null || coSign.isEmpty() ? List.of() : List.of(coSign.split(",")),
                Status.valueOf(rs.getString("status")), rs.getInt("round"), rs.getString("pdf_sha256"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "approved_at"));
    }

    private static StepRecord step(ResultSet rs, int n) throws SQLException {
        return new StepRecord(rs.getLong("id"), rs.getInt("round"), Step.valueOf(rs.getString("step")),
                rs.getString("department"), rs.getString("approval_id"), rs.getString("status"), rs.getString("actor"),
                rs.getString("seen_sha256"), rs.getString("signed_sha256"), rs.getString("comment"),
                instant(rs, "created_at"), instant(rs, "acted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void text(String value, String name, int max, List<String> problems) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            problems.add(name + ": 1 to " + max + " characters, required");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
