package org.agencyworkspace.expenses;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.einvoice.BusinessNumber;
import org.agencyworkspace.connector.einvoice.EInvoice;
import org.agencyworkspace.connector.einvoice.InvoicePeriod;
import org.agencyworkspace.connector.einvoice.PhotoHash;
import org.agencyworkspace.connector.einvoice.ReceiptImageException;
import org.agencyworkspace.connector.einvoice.ReceiptImages;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Expense claims (經費核銷): written by a person, checked for receipts claimed before anywhere in
 * the agency, approved by a supervisor and then accounting through the approvals registry, paid,
 * then locked. Every step is audited and published; every refusal names what is wrong and
 * stores nothing.
 */
@Service
public class ExpenseClaims {

    /** The approvals registry's kind for claims. */
    public static final String APPROVAL_KIND = "expense-claim";

    private final JdbcClient jdbc;
    private final ExpensesProperties properties;
    private final DuplicateFinder duplicates;
    private final ReceiptImages images;
    private final Approvals approvals;
    private final StaffDirectory directory;
    private final FileUploads uploads;
    private final FileStore store;
    private final ClassificationScheme scheme;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public ExpenseClaims(JdbcClient jdbc, ExpensesProperties properties, DuplicateFinder duplicates,
            ReceiptImages images, Approvals approvals, StaffDirectory directory, FileUploads uploads,
            FileStore store, ClassificationScheme scheme, AuditTrail audit, EventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.duplicates = duplicates;
        this.images = images;
        this.approvals = approvals;
        this.directory = directory;
        this.uploads = uploads;
        this.store = store;
        this.scheme = scheme;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a claim is for.
     *
     * @param level the claim's classification level (its receipts take it in Files)
     */
    public record NewClaim(String purpose, String budgetCode, String project, LocalDate startsOn,
            LocalDate endsOn, String level) {
    }

    /**
     * A receipt typed by hand: an e-invoice (number, seller) or a paper receipt (收據, payee).
     *
     * @param kind EINVOICE or RECEIPT
     * @param payeeId the payee's 統一編號 (checked when 8 digits) or other identifier
     */
    public record TypedItem(Claim.Kind kind, LocalDate issuedOn, BigDecimal amount,
            String invoiceNumber, String seller, String randomCode, String payeeName,
            String payeeId, String description) {
    }

    // ---- reading -------------------------------------------------------------------------

    /** The claim, if the person may read it: claimant, their approvers, accounting. */
    public Claim get(long id, WorkspaceUser user) {
        Claim claim = load(id).orElseThrow(() -> notFound(id));
        if (!mayRead(claim, user.login())) {
            audit.record(AuditEvent.of("expense.read", "process").actor(user.login(), user.displayName())
                    .target("expense-claim", Long.toString(id), claim.level())
                    .failure("not the claimant, an approver or accounting").build());
            throw notFound(id);
        }
        return claim;
    }

    /** The most claims a list shows, newest first. */
    static final int LISTED = 200;

    /**
     * Claims the person may read, newest first: their own, those they decided, their
     * department's as a supervisor, every one for accounting.
     */
    public List<Claim> listFor(WorkspaceUser user) {
        String login = user.login();
        List<Long> ids;
        if (isAccounting(login)) {
            ids = jdbc.sql("SELECT id FROM expense_claim ORDER BY id DESC LIMIT " + LISTED)
                    .query(Long.class).list();
        } else {
            List<String> colleagues = directory.membersOf(properties.supervisorRole()).contains(login)
                    ? directory.find(login).map(StaffDirectory.StaffMember::departments).orElse(List.of())
                            .stream().flatMap(department -> directory.membersOf(department).stream())
                            .distinct().toList()
                    : List.of();
            ids = jdbc.sql("SELECT id FROM expense_claim WHERE claimant = :login OR supervisor = :login"
                            + " OR accountant = :login"
                            + (colleagues.isEmpty() ? "" : " OR claimant IN (:colleagues)")
                            + " ORDER BY id DESC LIMIT " + LISTED)
                    .param("login", login)
                    .param("colleagues", colleagues.isEmpty() ? List.of("") : colleagues)
                    .query(Long.class).list();
        }
        return ids.stream().map(id -> load(id).orElseThrow()).filter(claim -> mayRead(claim, login)).toList();
    }

    /** The person's own claims not yet paid nor rejected, newest first. */
    public List<Claim> openClaimsOf(String login) {
        return jdbc.sql("SELECT id FROM expense_claim WHERE claimant = :login"
                        + " AND status NOT IN ('PAID', 'REJECTED') ORDER BY id DESC")
                .param("login", login).query(Long.class).list().stream()
                .map(id -> load(id).orElseThrow()).toList();
    }

    /** Possible duplicates of the claim's receipts, each earlier claim shown only to who may read it. */
    public List<DuplicateHit> duplicatesOf(long id, WorkspaceUser user) {
        return visible(duplicates.hits(get(id, user)), user.login());
    }

    public boolean mayRead(Claim claim, String login) {
        if (claim.claimant().equals(login) || isAccounting(login)
                || login.equals(claim.supervisor()) || login.equals(claim.accountant())) {
            return true;
        }
        // The claimant's supervisors: holders of the supervisor role in one of their departments.
        List<String> departments = directory.find(claim.claimant())
                .map(StaffDirectory.StaffMember::departments).orElse(List.of());
        return directory.membersOf(properties.supervisorRole()).contains(login)
                && departments.stream().anyMatch(department -> directory.membersOf(department).contains(login));
    }

    public boolean isAccounting(String login) {
        return directory.membersOf(properties.accountingGroup()).contains(login);
    }

    // ---- writing a draft -----------------------------------------------------------------

    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim create(NewClaim request, WorkspaceUser user) {
        List<String> problems = new ArrayList<>();
        text(request.purpose(), "purpose", 300, problems);
        if (request.budgetCode() == null || !request.budgetCode().matches("[A-Za-z0-9][A-Za-z0-9.\\-]{0,39}")) {
            problems.add("budget code: 1 to 40 letters, digits, dots or dashes");
        }
        if (request.project() != null && request.project().length() > 200) {
            problems.add("project: at most 200 characters");
        }
        LocalDate today = today();
        if (request.startsOn() == null || request.endsOn() == null) {
            problems.add("dates: the first and last day are required");
        } else if (request.endsOn().isBefore(request.startsOn())) {
            problems.add("dates: the last day is before the first");
        } else if (request.startsOn().isAfter(today)) {
            problems.add("dates: the claim starts in the future (" + request.startsOn() + ")");
        }
        String level = request.level() == null || request.level().isBlank() ? scheme.unmarked().code()
                : request.level();
        var known = scheme.find(level);
        if (known.isEmpty() || !known.get().acceptedAtUpload()) {
            problems.add("level: " + level + " is not a level receipts may be stored at");
        } else if (scheme.rank(user.clearance()) < scheme.rank(level)) {
            problems.add("level: your clearance is below " + level);
        }
        refuseIf(user, null, "expense.create", problems);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO expense_claim (claimant, purpose, budget_code, project, starts_on, ends_on,
                    level, status, created_at)
                VALUES (:claimant, :purpose, :budget, :project, :starts, :ends, :level, 'DRAFT', :now)
                """)
                .param("claimant", user.login()).param("purpose", request.purpose().strip())
                .param("budget", request.budgetCode()).param("project", blankToNull(request.project()))
                .param("starts", request.startsOn()).param("ends", request.endsOn())
                .param("level", level).param("now", now())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record(AuditEvent.of("expense.create", "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(id), level)
                .details(Map.of("budgetCode", request.budgetCode())).build());
        events.publish(new ExpenseEvents.Created(id, user.login(), request.budgetCode()), user.login());
        return load(id).orElseThrow();
    }

    /** Adds a typed receipt to a draft. */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim addTyped(long id, TypedItem item, WorkspaceUser user) {
        Claim claim = draftOf(id, user, "expense.item-add");
        List<String> problems = new ArrayList<>();
        NewItem row = typed(item, problems);
        refuseIf(user, claim, "expense.item-add", problems);
        long itemId = insert(claim.id(), row);
        itemAdded(claim, itemId, row, false, user);
        return load(id).orElseThrow();
    }

    /**
     * Adds the receipts of an uploaded photo, scan or PDF: every e-invoice its QR codes hold; or,
     * when it holds none, the typed paper receipt given with it. The file is kept in Files with
     * the claim's level, readable by the claimant and accounting.
     *
     * @param typed the paper receipt's details, or for e-invoices an expected total (its amount)
     *     that the codes must agree with; null to take what the codes say
     */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim addFile(long id, String fileName, byte[] content, TypedItem typed, WorkspaceUser user) {
        Claim claim = draftOf(id, user, "expense.item-add");
        List<String> problems = new ArrayList<>();
        List<NewItem> rows = new ArrayList<>();
        Map<String, String> verificationFields = new HashMap<>();
        String sha = sha256(content);
        Long photoHash = null;
        boolean fromCodes = false;
        try {
            java.awt.image.BufferedImage[] pictures = images.pictures(content);
            photoHash = PhotoHash.of(pictures[0]);
            List<org.agencyworkspace.connector.einvoice.DecodedCode> codes = new ArrayList<>();
            for (int i = 0; i < pictures.length; i++) {
                codes.addAll(ReceiptImages.decode(pictures[i], i + 1));
            }
            ReceiptImages.Reading reading = ReceiptImages.invoices(codes);
            problems.addAll(reading.problems());
            for (EInvoice invoice : reading.invoices()) {
                rows.add(fromInvoice(invoice, problems));
                // What the MoF platform checks the invoice against (InvoiceVerifications).
                if (invoice.verification() != null && invoice.verification().length() <= 24) {
                    verificationFields.put(invoice.number(), invoice.verification());
                }
            }
            fromCodes = !codes.isEmpty();
            if (codes.isEmpty()) {
                // A paper receipt, or an e-invoice whose codes cannot be read: typed details go with the file.
                if (typed == null || typed.kind() == null) {
                    problems.add(fileName(fileName) + ": no e-invoice QR code found; type the receipt's"
                            + " details (invoice number and seller, or the payee of a paper receipt 收據)");
                } else {
                    rows.add(typed(typed, problems));
                }
            } else if (typed != null && typed.amount() != null && !rows.isEmpty()) {
                BigDecimal read = rows.stream().map(NewItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (read.compareTo(typed.amount()) != 0) {
                    problems.add(fileName(fileName) + ": the codes total NT$" + read.toPlainString()
                            + " but NT$" + typed.amount().toPlainString() + " was typed");
                }
            }
        } catch (ReceiptImageException e) {
            problems.add(fileName(fileName) + ": " + e.getMessage());
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (NewItem row : rows) {
            if (row.invoiceNumber() != null && !numbers.add(row.invoiceNumber())) {
                problems.add("invoice " + row.invoiceNumber() + " appears twice in the file");
            }
        }
        refuseIf(user, claim, "expense.item-add", problems);
        FilePath path = FilePath.of(properties.receiptsFolder() + "/" + claim.id() + "/"
                + sha.substring(0, 16) + extension(content));
        for (NewItem row : rows) {
            long itemId = insert(claim.id(), row.withFile(path.toString(), sha, photoHash));
            String field = verificationFields.get(row.invoiceNumber());
            if (field != null) {
                jdbc.sql("UPDATE expense_item SET verification_field = :field WHERE id = :id")
                        .param("field", field).param("id", itemId).update();
            }
            itemAdded(claim, itemId, row, fromCodes, user);
        }
        // Last, so a refused label or a failed write rolls the items back with it.
        uploads.store(path, new ByteArrayInputStream(content), label(claim), user);
        return load(id).orElseThrow();
    }

    /** Removes an item from a draft. */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim removeItem(long id, long itemId, WorkspaceUser user) {
        Claim claim = draftOf(id, user, "expense.item-remove");
        int removed = jdbc.sql("DELETE FROM expense_item WHERE id = :item AND claim_id = :claim")
                .param("item", itemId).param("claim", claim.id()).update();
        if (removed == 0) {
            throw new ExpenseException(ExpenseException.Reason.NOT_FOUND, "no item " + itemId + " in claim " + id);
        }
        audit.record(AuditEvent.of("expense.item-remove", "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(id), claim.level())
                .details(Map.of("item", Long.toString(itemId))).build());
        return load(id).orElseThrow();
    }

    // ---- the chain -----------------------------------------------------------------------

    /**
     * Submits a draft. A receipt already claimed (same invoice, same file) refuses it with the
     * hits; possible duplicates send it to accounting for an override first; otherwise the
     * supervisor is asked.
     */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim submit(long id, WorkspaceUser user) {
        Claim claim = draftOf(id, user, "expense.submit");
        if (claim.items().isEmpty()) {
            refuseIf(user, claim, "expense.submit", List.of("the claim has no receipts"));
        }
        List<DuplicateHit> hits = duplicates.hits(claim);
        List<DuplicateHit> blocking = hits.stream().filter(DuplicateHit::blocking).toList();
        if (!blocking.isEmpty()) {
            audit.record(AuditEvent.of("expense.submit", "process").actor(user.login(), user.displayName())
                    .target("expense-claim", Long.toString(id), claim.level())
                    .failure("already claimed: " + blocking.size() + " receipt(s)").build());
            events.publish(new ExpenseEvents.DuplicateRefused(id, user.login(), blocking.size()), user.login());
            List<String> problems = blocking.stream().map(hit -> "item " + hit.itemId() + ": "
                    + hit.match().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (mayReadClaim(hit.earlierClaimId(), user.login())
                            ? " as in claim " + hit.earlierClaimId() + " by " + hit.earlierClaimant()
                            : " as in another claim")).toList();
            throw new ExpenseException(ExpenseException.Reason.CONFLICT,
                    "receipts already claimed", problems, visible(blocking, user.login()));
        }
        int flagged = hits.size();
        Claim.Status next = flagged > 0 ? Claim.Status.FLAGGED : Claim.Status.SUBMITTED;
        // Asked before the receipts are claimed: a claimant with no supervisor is refused (and that
        // refusal commits its audit record) without holding their receipts' keys.
        String approvalId = next == Claim.Status.SUBMITTED ? askSupervisor(user, claim, "expense.submit").id() : null;
        // Refusals above write nothing (their audit record stays); a claim racing this one for a
        // receipt fails here on the key and rolls the whole submission back.
        claimKeys(claim);
        jdbc.sql("UPDATE expense_claim SET status = :status, approval_id = :approval, submitted_at = :now"
                        + " WHERE id = :id AND status = 'DRAFT'")
                .param("status", next.name()).param("approval", approvalId).param("now", now())
                .param("id", id).update();
        audit.record(AuditEvent.of("expense.submit", "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(id), claim.level())
                .details(Map.of("status", next.name(), "flagged", Integer.toString(flagged),
                        "total", claim.total().toPlainString())).build());
        events.publish(new ExpenseEvents.Submitted(id, user.login(), claim.total(), next.name(), flagged),
                user.login());
        return load(id).orElseThrow();
    }

    /** Accounting lets a flagged claim go on to the supervisor, with a reason (audited). */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim override(long id, String reason, WorkspaceUser user) {
        Claim claim = accountingAction(id, user, "expense.override", Claim.Status.FLAGGED);
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            refuseIf(user, claim, "expense.override", List.of("reason: 1 to 500 characters, required"));
        }
        if (claim.claimant().equals(user.login())) {
            refuse(user, claim, "expense.override", ExpenseException.Reason.FORBIDDEN,
                    "nobody overrides their own claim");
        }
        Approval asked = askSupervisor(user, claim, "expense.override");
        jdbc.sql("UPDATE expense_claim SET status = 'SUBMITTED', approval_id = :approval,"
                        + " override_by = :by, override_reason = :reason WHERE id = :id AND status = 'FLAGGED'")
                .param("approval", asked.id()).param("by", user.login()).param("reason", reason.strip())
                .param("id", id).update();
        audit.record(AuditEvent.of("expense.override", "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(id), claim.level()).reason(reason.strip())
                .details(Map.of("flagged", Integer.toString(duplicates.hits(claim).size()))).build());
        events.publish(new ExpenseEvents.Overridden(id, user.login()), user.login());
        return load(id).orElseThrow();
    }

    /** Accounting turns a flagged claim down instead of overriding. */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim rejectFlagged(long id, String reason, WorkspaceUser user) {
        Claim claim = accountingAction(id, user, "expense.reject", Claim.Status.FLAGGED);
        if (reason == null || reason.isBlank()) {
            refuseIf(user, claim, "expense.reject", List.of("reason: required to reject"));
        }
        rejected(claim, user.login(), reason.strip());
        return load(id).orElseThrow();
    }

    /**
     * Moves the claim whose approval was decided: the supervisor's yes asks accounting,
     * accounting's yes approves, a no rejects. Idempotent: a repeated or unknown decision
     * changes nothing.
     */
    @Transactional
    public void onApprovalDecided(String approvalId) {
        Optional<Approval> found = approvals.find(approvalId);
        Optional<Claim> waiting = jdbc.sql("SELECT id FROM expense_claim WHERE approval_id = :approval"
                        + " AND status IN ('SUBMITTED', 'ACCOUNTING')")
                .param("approval", approvalId).query(Long.class).optional().flatMap(this::load);
        if (found.isEmpty() || waiting.isEmpty() || found.get().status() == Approval.Status.PENDING) {
            return;
        }
        Approval approval = found.get();
        Claim claim = waiting.get();
        if (approval.status() == Approval.Status.REJECTED) {
            rejected(claim, approval.decidedBy(), approval.reason());
            return;
        }
        if (claim.status() == Claim.Status.SUBMITTED) {
            Approval next = approvals.request(APPROVAL_KIND, subject(claim) + " (主計 accounting)",
                    "/expenses/" + claim.id(), claim.claimant(), properties.accountingGroup());
            jdbc.sql("UPDATE expense_claim SET status = 'ACCOUNTING', supervisor = :by, approval_id = :next"
                            + " WHERE id = :id AND status = 'SUBMITTED'")
                    .param("by", approval.decidedBy()).param("next", next.id()).param("id", claim.id()).update();
            advanced(claim, Claim.Status.ACCOUNTING, approval.decidedBy());
        } else {
            jdbc.sql("UPDATE expense_claim SET status = 'APPROVED', accountant = :by"
                            + " WHERE id = :id AND status = 'ACCOUNTING'")
                    .param("by", approval.decidedBy()).param("id", claim.id()).update();
            advanced(claim, Claim.Status.APPROVED, approval.decidedBy());
        }
    }

    /** Accounting records the payment; the claim is locked from then on. */
    @Transactional(noRollbackFor = ExpenseException.class)
    public Claim markPaid(long id, LocalDate paidOn, WorkspaceUser user) {
        Claim claim = accountingAction(id, user, "expense.pay", Claim.Status.APPROVED);
        if (paidOn == null || paidOn.isAfter(today())) {
            refuseIf(user, claim, "expense.pay", List.of("payment date: required, not in the future"));
        }
        jdbc.sql("UPDATE expense_claim SET status = 'PAID', paid_on = :paid WHERE id = :id AND status = 'APPROVED'")
                .param("paid", paidOn).param("id", id).update();
        audit.record(AuditEvent.of("expense.pay", "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(id), claim.level())
                .details(Map.of("paidOn", paidOn.toString(), "total", claim.total().toPlainString())).build());
        events.publish(new ExpenseEvents.Paid(id, claim.claimant(), paidOn, claim.total()), user.login());
        return load(id).orElseThrow();
    }

    /**
     * Where a receipt file of a labelled claim is opened: through Files, whose delivery applies
     * the label's rules (readers, step-up, watermark, copy register); empty for an unmarked claim,
     * whose receipt {@link #receipt} serves itself.
     */
    public Optional<String> labelledReceiptPath(long id, long itemId, WorkspaceUser user) {
        Claim claim = get(id, user);
        Claim.Item item = fileItem(claim, itemId);
        return scheme.unmarked().code().equals(claim.level()) ? Optional.empty()
                : Optional.of(item.filePath());
    }

    /**
     * A receipt file of an unmarked claim, for those who may read the claim; audited. A labelled
     * claim's receipts leave only through Files ({@link #labelledReceiptPath}).
     */
    public byte[] receipt(long id, long itemId, WorkspaceUser user) {
        Claim claim = get(id, user);
        Claim.Item item = fileItem(claim, itemId);
        if (!scheme.unmarked().code().equals(claim.level())) {
            refuse(user, claim, "expense.receipt-read", ExpenseException.Reason.CONFLICT,
                    "receipts of a " + claim.level() + " claim open through Files, under their label's rules");
        }
        try (var in = store.open(FilePath.of(item.filePath()))) {
            byte[] content = in.readAllBytes();
            audit.record(AuditEvent.of("expense.receipt-read", "file").actor(user.login(), user.displayName())
                    .target("file", item.filePath(), claim.level())
                    .details(Map.of("claim", Long.toString(id))).build());
            return content;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private static Claim.Item fileItem(Claim claim, long itemId) {
        return claim.items().stream().filter(candidate -> candidate.id() == itemId
                && candidate.filePath() != null).findFirst()
                .orElseThrow(() -> new ExpenseException(ExpenseException.Reason.NOT_FOUND,
                        "item " + itemId + " of claim " + claim.id() + " has no file"));
    }

    /** The claimant's own supervisors are asked; with none in their departments, a 409, audited. */
    private Approval askSupervisor(WorkspaceUser user, Claim claim, String action) {
        try {
            return approvals.request(APPROVAL_KIND, subject(claim), "/expenses/" + claim.id(),
                    claim.claimant(), properties.supervisorRole(), Approval.Scope.REQUESTER_DEPARTMENTS);
        } catch (IllegalArgumentException noSupervisor) {
            refuse(user, claim, action, ExpenseException.Reason.CONFLICT, noSupervisor.getMessage());
            throw noSupervisor; // not reached: refuse throws
        }
    }

    private static String subject(Claim claim) {
        String purpose = claim.purpose().length() > 120 ? claim.purpose().substring(0, 120) : claim.purpose();
        return "經費核銷 #" + claim.id() + " " + purpose + " NT$" + claim.total().toPlainString();
    }

    private void rejected(Claim claim, String by, String reason) {
        jdbc.sql("UPDATE expense_claim SET status = 'REJECTED', rejected_by = :by, rejected_reason = :reason"
                        + " WHERE id = :id")
                .param("by", by).param("reason", reason).param("id", claim.id()).update();
        jdbc.sql("DELETE FROM expense_claimed_key WHERE claim_id = :id").param("id", claim.id()).update();
        audit.record(AuditEvent.of("expense.reject", "process").actor(by, by)
                .target("expense-claim", Long.toString(claim.id()), claim.level()).reason(reason).build());
        events.publish(new ExpenseEvents.Rejected(claim.id(), claim.claimant(), by), by);
    }

    private void advanced(Claim claim, Claim.Status status, String by) {
        audit.record(AuditEvent.of("expense.advance", "process").actor(by, by)
                .target("expense-claim", Long.toString(claim.id()), claim.level())
                .details(Map.of("status", status.name())).build());
        events.publish(new ExpenseEvents.Advanced(claim.id(), status.name(), by), by);
    }

    /** The keys a submitted claim holds; the primary key refuses a second holder. */
    private void claimKeys(Claim claim) {
        Set<String> done = new LinkedHashSet<>();
        for (Claim.Item item : claim.items()) {
            List<String> keys = new ArrayList<>();
            if (item.invoiceNumber() != null) {
                keys.add("period:" + item.invoiceNumber() + ":" + item.invoicePeriod());
                keys.add("seller:" + item.invoiceNumber() + ":" + item.seller());
            }
            if (item.fileSha256() != null) {
                keys.add("file:" + item.fileSha256());
            }
            for (String key : keys) {
                if (done.add(key)) {
                    jdbc.sql("INSERT INTO expense_claimed_key (claim_key, claim_id, item_id) VALUES (:key, :claim, :item)")
                            .param("key", key).param("claim", claim.id()).param("item", item.id()).update();
                }
            }
        }
    }

    private List<DuplicateHit> visible(List<DuplicateHit> hits, String login) {
        return hits.stream().map(hit -> mayReadClaim(hit.earlierClaimId(), login) ? hit : hit.hidden()).toList();
    }

    private boolean mayReadClaim(Long id, String login) {
        return id != null && load(id).map(claim -> mayRead(claim, login)).orElse(false);
    }

    private Claim draftOf(long id, WorkspaceUser user, String action) {
        Claim claim = get(id, user);
        if (!claim.claimant().equals(user.login())) {
            refuse(user, claim, action, ExpenseException.Reason.FORBIDDEN, "only the claimant changes a claim");
        }
        if (claim.status() != Claim.Status.DRAFT) {
            refuse(user, claim, action, ExpenseException.Reason.CONFLICT, "claim " + id + " is "
                    + claim.status().name().toLowerCase(Locale.ROOT)
                    + (claim.status() == Claim.Status.PAID ? " and locked" : "") + ": only a draft changes");
        }
        return claim;
    }

    private Claim accountingAction(long id, WorkspaceUser user, String action, Claim.Status needed) {
        Claim claim = get(id, user);
        if (!isAccounting(user.login())) {
            refuse(user, claim, action, ExpenseException.Reason.FORBIDDEN, "only accounting may do this");
        }
        if (claim.status() != needed) {
            refuse(user, claim, action, ExpenseException.Reason.CONFLICT, "claim " + id + " is "
                    + claim.status().name().toLowerCase(Locale.ROOT) + ", not "
                    + needed.name().toLowerCase(Locale.ROOT));
        }
        return claim;
    }

    private void refuse(WorkspaceUser user, Claim claim, String action, ExpenseException.Reason reason,
            String message) {
        audit.record(AuditEvent.of(action, "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(claim.id()), claim.level()).failure(message).build());
        throw new ExpenseException(reason, message);
    }

    private void refuseIf(WorkspaceUser user, Claim claim, String action, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        AuditEvent.Builder event = AuditEvent.of(action, "process").actor(user.login(), user.displayName())
                .failure(String.join("; ", problems).substring(0, Math.min(900, String.join("; ", problems).length())));
        if (claim != null) {
            event.target("expense-claim", Long.toString(claim.id()), claim.level());
        }
        audit.record(event.build());
        throw ExpenseException.invalid(problems);
    }

    private static ExpenseException notFound(long id) {
        return new ExpenseException(ExpenseException.Reason.NOT_FOUND, "no claim " + id);
    }

    private LabelRequest label(Claim claim) {
        return new LabelRequest(claim.level(), "經費核銷收據 receipts of expense claim " + claim.id(), null,
                null, "核銷完成並逾會計憑證保存年限 once the accounting retention period ends", false,
                List.of(claim.claimant()), List.of(properties.accountingGroup()));
    }

    private void itemAdded(Claim claim, long itemId, NewItem row, boolean fromCodes, WorkspaceUser user) {
        audit.record(AuditEvent.of("expense.item-add", "process").actor(user.login(), user.displayName())
                .target("expense-claim", Long.toString(claim.id()), claim.level())
                .details(Map.of("item", Long.toString(itemId), "kind", row.kind().name(),
                        "amount", row.amount().toPlainString())).build());
        events.publish(new ExpenseEvents.ItemAdded(claim.id(), itemId, row.kind().name(), fromCodes,
                row.amount()), user.login());
    }

    /** A row to insert, checked. */
    record NewItem(Claim.Kind kind, LocalDate issuedOn, BigDecimal amount, BigDecimal untaxed,
            String invoiceNumber, String randomCode, String seller, String buyer, String payeeName,
            String payeeId, String description, String filePath, String sha, Long photoHash) {

        NewItem withFile(String path, String sha256, Long hash) {
            return new NewItem(kind, issuedOn, amount, untaxed, invoiceNumber, randomCode, seller,
                    buyer, payeeName, payeeId, description, path, sha256, hash);
        }
    }

    private NewItem fromInvoice(EInvoice invoice, List<String> problems) {
        String label = "invoice " + invoice.number();
        dateAndAmount(label, invoice.issued(), invoice.total(), problems);
        String description = invoice.items().stream().map(EInvoice.Item::name).limit(5)
                .reduce((a, b) -> a + "、" + b).orElse(null);
        return new NewItem(Claim.Kind.EINVOICE, invoice.issued(), invoice.total(), invoice.untaxed(),
                invoice.number(), invoice.randomCode(), invoice.seller(), invoice.buyer(), null, null,
                description == null ? null : description.substring(0, Math.min(500, description.length())),
                null, null, null);
    }

    private NewItem typed(TypedItem item, List<String> problems) {
        if (item == null || item.kind() == null) {
            problems.add("kind: EINVOICE or RECEIPT");
            return null;
        }
        String label = item.kind() == Claim.Kind.EINVOICE ? "invoice " + item.invoiceNumber() : "receipt";
        dateAndAmount(label, item.issuedOn(), item.amount(), problems);
        if (item.description() != null && item.description().length() > 500) {
            problems.add(label + ": description at most 500 characters");
        }
        if (item.kind() == Claim.Kind.EINVOICE) {
            if (!InvoicePeriod.isInvoiceNumber(item.invoiceNumber())) {
                problems.add(label + ": the number is not two capital letters and eight digits");
            }
            if (!BusinessNumber.isValid(item.seller())) {
                problems.add(label + ": seller " + item.seller() + " is not a valid 統一編號");
            }
            if (item.randomCode() != null && !item.randomCode().isEmpty() && !item.randomCode().matches("\\d{4}")) {
                problems.add(label + ": the random code is 4 digits");
            }
            return new NewItem(Claim.Kind.EINVOICE, item.issuedOn(), item.amount(), null, item.invoiceNumber(),
                    blankToNull(item.randomCode()), item.seller(), null, null, null,
                    blankToNull(item.description()), null, null, null);
        }
        text(item.payeeName(), label + ": payee name", 200, problems);
        text(item.description(), label + ": what was paid for", 500, problems);
        String payeeId = blankToNull(item.payeeId());
        if (payeeId != null && payeeId.matches("\\d{8}") && !BusinessNumber.isValid(payeeId)) {
            problems.add(label + ": payee 統一編號 " + payeeId + " fails its check digit");
        } else if (payeeId != null && !payeeId.matches("[A-Za-z0-9]{1,20}")) {
            problems.add(label + ": payee id: up to 20 letters or digits");
        }
        return new NewItem(Claim.Kind.RECEIPT, item.issuedOn(), item.amount(), null, null, null, null, null,
                item.payeeName() == null ? null : item.payeeName().strip(), payeeId,
                item.description() == null ? null : item.description().strip(), null, null, null);
    }

    private void dateAndAmount(String label, LocalDate date, BigDecimal amount, List<String> problems) {
        if (date == null) {
            problems.add(label + ": date required");
        } else if (date.isAfter(today())) {
            problems.add(label + ": dated " + date + ", in the future");
        }
        if (amount == null) {
            problems.add(label + ": amount required");
        } else if (amount.signum() <= 0) {
            problems.add(label + ": amount NT$" + amount.toPlainString() + " is not positive");
        } else if (amount.compareTo(properties.maxItemAmount()) > 0) {
            problems.add(label + ": amount NT$" + amount.toPlainString() + " is above NT$"
                    + properties.maxItemAmount().toPlainString() + " for one receipt");
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(label + ": amount NT$" + amount.toPlainString() + " has more than 2 decimals");
        }
    }

    private long insert(long claimId, NewItem row) {
        var keys = new GeneratedKeyHolder();
        Long hash = row.photoHash();
        jdbc.sql("""
                INSERT INTO expense_item (claim_id, kind, issued_on, amount, untaxed, invoice_number,
                    invoice_period, random_code, seller, buyer, payee_name, payee_id, description,
                    file_path, file_sha256, photo_hash, photo_band0, photo_band1, photo_band2,
                    photo_band3, created_at)
                VALUES (:claim, :kind, :issued, :amount, :untaxed, :number, :period, :random, :seller,
                    :buyer, :payee, :payeeId, :description, :path, :sha, :hash, :b0, :b1, :b2, :b3, :now)
                """)
                .param("claim", claimId).param("kind", row.kind().name()).param("issued", row.issuedOn())
                .param("amount", row.amount(), java.sql.Types.NUMERIC)
                .param("untaxed", row.untaxed(), java.sql.Types.NUMERIC)
                .param("number", row.invoiceNumber(), java.sql.Types.VARCHAR)
                .param("period", row.invoiceNumber() == null ? null : InvoicePeriod.of(row.issuedOn()).code(),
                        java.sql.Types.VARCHAR)
                .param("random", row.randomCode(), java.sql.Types.VARCHAR)
                .param("seller", row.seller(), java.sql.Types.VARCHAR)
                .param("buyer", row.buyer(), java.sql.Types.VARCHAR)
                .param("payee", row.payeeName(), java.sql.Types.VARCHAR)
                .param("payeeId", row.payeeId(), java.sql.Types.VARCHAR)
                .param("description", row.description(), java.sql.Types.VARCHAR)
                .param("path", row.filePath(), java.sql.Types.VARCHAR)
                .param("sha", row.sha(), java.sql.Types.VARCHAR)
                .param("hash", hash, java.sql.Types.BIGINT)
                .param("b0", hash == null ? null : DuplicateFinder.band(hash, 0), java.sql.Types.INTEGER)
                .param("b1", hash == null ? null : DuplicateFinder.band(hash, 1), java.sql.Types.INTEGER)
                .param("b2", hash == null ? null : DuplicateFinder.band(hash, 2), java.sql.Types.INTEGER)
                .param("b3", hash == null ? null : DuplicateFinder.band(hash, 3), java.sql.Types.INTEGER)
                .param("now", now())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Claim> load(long id) {
        return jdbc.sql("SELECT * FROM expense_claim WHERE id = :id").param("id", id)
                .query((row, n) -> claim(row, items(id))).optional();
    }

    private List<Claim.Item> items(long claimId) {
        return jdbc.sql("SELECT * FROM expense_item WHERE claim_id = :id ORDER BY id").param("id", claimId)
                .query(ExpenseClaims::item).list();
    }

    private static Claim claim(ResultSet row, List<Claim.Item> items) throws SQLException {
        BigDecimal total = items.stream().map(Claim.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        OffsetDateTime submitted = row.getObject("submitted_at", OffsetDateTime.class);
        return new Claim(row.getLong("id"), row.getString("claimant"), row.getString("purpose"),
                row.getString("budget_code"), row.getString("project"),
                row.getObject("starts_on", LocalDate.class), row.getObject("ends_on", LocalDate.class),
                row.getString("level"), Claim.Status.valueOf(row.getString("status")),
                row.getString("approval_id"), row.getString("supervisor"), row.getString("accountant"),
                row.getString("override_by"), row.getString("override_reason"), row.getString("rejected_by"),
                row.getString("rejected_reason"), row.getObject("paid_on", LocalDate.class),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                submitted == null ? null : submitted.toInstant(), items, total);
    }

    private static Claim.Item item(ResultSet row, int n) throws SQLException {
        Long hash = row.getObject("photo_hash", Long.class);
        return new Claim.Item(row.getLong("id"), Claim.Kind.valueOf(row.getString("kind")),
                row.getObject("issued_on", LocalDate.class), row.getBigDecimal("amount"),
                row.getBigDecimal("untaxed"), row.getString("invoice_number"), row.getString("invoice_period"),
                row.getString("random_code"), row.getString("seller"), row.getString("buyer"),
                row.getString("payee_name"), row.getString("payee_id"), row.getString("description"),
                row.getString("file_path"), row.getString("file_sha256"), hash, row.getString("verification"));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(scheme.zone()));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static void text(String value, String name, int max, List<String> problems) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            problems.add(name + ": 1 to " + max + " characters");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String fileName(String name) {
        return name == null || name.isBlank() ? "the file" : name.strip();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(byte[] content) {
        if (ReceiptImages.isPdf(content)) {
            return ".pdf";
        }
        if (content.length > 3 && (content[0] & 0xff) == 0x89 && content[1] == 'P') {
            return ".png";
        }
        if (content.length > 2 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8) {
            return ".jpg";
        }
        return ".img";
    }
}
