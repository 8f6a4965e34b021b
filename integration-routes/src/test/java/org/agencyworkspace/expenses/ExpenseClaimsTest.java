package org.agencyworkspace.expenses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.einvoice.ReceiptImages;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.platform.messaging.OutboxMessenger;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestNotifications;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.agencyworkspace.connector.einvoice.InvoiceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Claims end to end over an in-memory database, a local file store and the real approvals registry. */
class ExpenseClaimsTest {

    static final WorkspaceUser EVE = user("eve", "staff", "it");
    static final WorkspaceUser GUS = user("gus", "staff", "it");
    static final WorkspaceUser DAVE = user("dave", "manager", "it");
    static final WorkspaceUser FINN = user("finn", "manager", "personnel");
    static final WorkspaceUser AMY = user("amy", "staff", "accounting");
    static final WorkspaceUser ZED = user("zed", "staff", "personnel");
    static final String SELLER = "22099131";
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    final LocalFileStore store;
    final FilesFixture files;
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final Approvals approvals;
    final ExpenseClaims claims;
    final ExpenseExports exports;
    final NotificationTemplates texts = new NotificationTemplates(TestNotifications.messageSource());

    ExpenseClaimsTest(@TempDir Path folder) {
        store = new LocalFileStore(folder);
        files = new FilesFixture(store);
        files.clock.set(Instant.parse("2026-12-01T02:00:00Z"));
        var jdbc = files.database.jdbc();
        LocalAccounts accounts = new LocalAccounts(jdbc, files.clock);
        for (String department : List.of("it", "personnel", "accounting")) {
            accounts.addDepartment(new LocalAccounts.Department(department, department, department));
        }
        for (WorkspaceUser person : List.of(EVE, GUS, DAVE, FINN, AMY, ZED)) {
            accounts.create(new LocalAccount(person.login(), person.login(), person.login(), null, "{hash}",
                    null, null, "secret", person.roles(), person.departments(), true, 0, null));
        }
        var directory = new JdbcStaffDirectory(jdbc);
        approvals = new Approvals(jdbc, directory, new OutboxMessenger(new MessageOutbox(jdbc, new ObjectMapper(),
                files.clock), texts), events, files.audit, files.clock, URI.create("https://workspace.test/"));
        ExpensesProperties properties = new ExpensesProperties("manager", "accounting", "/expenses",
                new BigDecimal("1000000"), DataSize.ofMegabytes(20), 40_000_000L, 10, 200, 3);
        FileUploads uploads = new FileUploads(store, files.labels, files.scheme, files.policy, files.audit,
                new FileWriteAccess(jdbc, store, directory, files.audit, files.clock),
                files.placements(directory));
        claims = new ExpenseClaims(jdbc, properties, new DuplicateFinder(jdbc, properties),
                new ReceiptImages(ReceiptImages.Limits.defaults()), approvals, directory, uploads, store,
                files.scheme, files.audit, events, files.clock);
        exports = new ExpenseExports(jdbc, claims, files.audit, events);
    }

    @Test
    void readsEveryInvoiceOfAPhotoAndKeepsTheFileLabelledForClaimantAndAccounting() {
        Claim claim = draft(EVE, "secret");
        TestInvoices.Invoice first = invoice("AB10000001", 1200);
        TestInvoices.Invoice second = invoice("AB10000002", 345);

        Claim after = claims.addFile(claim.id(), "taxi.png", TestInvoices.photo(0, first, second), null, EVE);

        assertThat(after.items()).extracting(Claim.Item::invoiceNumber).containsExactly("AB10000001", "AB10000002");
        assertThat(after.total()).isEqualByComparingTo("1545");
        assertThat(after.items().get(0).invoicePeriod()).isEqualTo("11512");
        assertThat(after.items().get(0).description()).isEqualTo("咖啡、餅乾");
        FilePath path = FilePath.of(after.items().get(0).filePath());
        var label = files.labels.effective(store.stat(path).orElseThrow()).label();
        assertThat(label.readers()).containsExactly("eve");
        assertThat(label.groups()).containsExactly("accounting");
        assertThat(label.level()).isEqualTo("secret");
        assertThat(files.policy.decide(ZED, label, FileAction.READ).allowed()).isFalse();
        assertThat(files.policy.decide(AMY, label, FileAction.READ).allowed()).isTrue();
        assertThat(events.of(ExpenseEvents.ItemAdded.class)).hasSize(2).allMatch(ExpenseEvents.ItemAdded::fromCodes);
        long item = after.items().get(0).id();
        assertThat(claims.labelledReceiptPath(claim.id(), item, AMY)).contains(path.toString());
        assertThatThrownBy(() -> claims.receipt(claim.id(), item, AMY)).hasMessageContaining("through Files");
    }

    @Test
    void theSameInvoiceClaimedByAnotherPersonBlocksSubmissionAndNamesTheEarlierClaimToThoseAllowed() {
        TestInvoices.Invoice shared = invoice("CD20000001", 880);
        Claim eves = draft(EVE);
        claims.addFile(eves.id(), "a.png", TestInvoices.photo(0, shared), null, EVE);
        claims.submit(eves.id(), EVE);
        Claim gus = draft(GUS);
        // Photographed again, turned: another file, the same invoice.
        claims.addFile(gus.id(), "b.jpg", TestInvoices.photo(23, shared), null, GUS);

        assertThatThrownBy(() -> claims.submit(gus.id(), GUS)).isInstanceOfSatisfying(ExpenseException.class, e -> {
            assertThat(e.reason()).isEqualTo(ExpenseException.Reason.CONFLICT);
            assertThat(e.duplicates()).singleElement().satisfies(hit -> {
                assertThat(hit.match()).isEqualTo(DuplicateHit.Match.SAME_INVOICE);
                assertThat(hit.blocking()).isTrue();
                assertThat(hit.earlierClaimId()).as("gus may not read eve's claim").isNull();
            });
            assertThat(e.problems()).singleElement().asString().contains("another claim");
        });
        assertThat(claims.get(gus.id(), GUS).status()).isEqualTo(Claim.Status.DRAFT);
        assertThat(claims.duplicatesOf(gus.id(), AMY)).singleElement().satisfies(hit -> {
            assertThat(hit.earlierClaimId()).isEqualTo(eves.id());
            assertThat(hit.earlierClaimant()).isEqualTo("eve");
        });
        assertThat(files.audit.events()).anySatisfy(event -> assertThat(event.action()).isEqualTo("expense.submit"));
        assertThat(events.of(ExpenseEvents.DuplicateRefused.class)).hasSize(1);
    }

    @Test
    void theSameFileBlocksAndARetakenPhotoOrTheSameSellerAmountAndDayIsFlaggedForAccounting() {
        byte[] paper = TestInvoices.paperReceipt(1);
        Claim eves = draft(EVE);
        claims.addFile(eves.id(), "p.png", paper, receipt("Taxi Co", 350), EVE);
        claims.addTyped(eves.id(), typedInvoice("EF30000001", 99), EVE);
        claims.submit(eves.id(), EVE);

        Claim sameFile = draft(GUS);
        claims.addFile(sameFile.id(), "p.png", paper, receipt("Other", 12), GUS);
        assertThatThrownBy(() -> claims.submit(sameFile.id(), GUS)).isInstanceOfSatisfying(ExpenseException.class,
                e -> assertThat(e.duplicates()).extracting(DuplicateHit::match).contains(DuplicateHit.Match.SAME_FILE));

        Claim flagged = draft(GUS);
        claims.addFile(flagged.id(), "retaken.png", TestInvoices.retaken(paper), receipt("Taxi Co 2", 351), GUS);
        claims.addTyped(flagged.id(), typedInvoice("EF30000002", 99), GUS);
        Claim submitted = claims.submit(flagged.id(), GUS);

        assertThat(submitted.status()).isEqualTo(Claim.Status.FLAGGED);
        assertThat(claims.duplicatesOf(flagged.id(), AMY)).extracting(DuplicateHit::match)
                .containsExactlyInAnyOrder(DuplicateHit.Match.SAME_PHOTO, DuplicateHit.Match.NEAR);
        assertThat(approvals.openRequestsOf("gus")).as("nothing asked of the supervisor yet").isEmpty();
        assertThatThrownBy(() -> claims.override(flagged.id(), "fine", DAVE))
                .isInstanceOfSatisfying(ExpenseException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExpenseException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> claims.override(flagged.id(), " ", AMY)).hasMessageContaining("reason");

        Claim overridden = claims.override(flagged.id(), "two rides that day, checked the log", AMY);

        assertThat(overridden.status()).isEqualTo(Claim.Status.SUBMITTED);
        assertThat(overridden.overrideBy()).isEqualTo("amy");
        assertThat(files.audit.events()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("expense.override");
            assertThat(event.reason()).isEqualTo("two rides that day, checked the log");
        });
    }

    @Test
    void supervisorThenAccountingApproveThenPaymentLocksTheClaim() {
        Claim claim = draft(EVE);
        claims.addFile(claim.id(), "r.png", TestInvoices.photo(0, invoice("GH40000001", 500)), null, EVE);
        Claim submitted = claims.submit(claim.id(), EVE);
        assertThat(submitted.status()).isEqualTo(Claim.Status.SUBMITTED);

        assertThat(approvals.decide(submitted.approvalId(), "dave", true, null).outcome())
                .isEqualTo(Approvals.Outcome.DECIDED);
        claims.onApprovalDecided(submitted.approvalId());
        Claim atAccounting = claims.get(claim.id(), AMY);
        assertThat(atAccounting.status()).isEqualTo(Claim.Status.ACCOUNTING);
        assertThat(atAccounting.supervisor()).isEqualTo("dave");
        Approval second = approvals.find(atAccounting.approvalId()).orElseThrow();
        assertThat(second.approverRole()).isEqualTo("accounting");
        claims.onApprovalDecided(submitted.approvalId());
        assertThat(claims.get(claim.id(), AMY).status()).as("a replayed decision changes nothing")
                .isEqualTo(Claim.Status.ACCOUNTING);

        approvals.decide(second.id(), "amy", true, null);
        claims.onApprovalDecided(second.id());
        assertThat(claims.get(claim.id(), EVE).status()).isEqualTo(Claim.Status.APPROVED);
        assertThatThrownBy(() -> claims.markPaid(claim.id(), LocalDate.of(2026, 12, 25), AMY))
                .hasMessageContaining("future");
        Claim paid = claims.markPaid(claim.id(), LocalDate.of(2026, 12, 1), AMY);

        assertThat(paid.status()).isEqualTo(Claim.Status.PAID);
        assertThat(paid.paidOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThatThrownBy(() -> claims.addTyped(claim.id(), typedInvoice("GH40000002", 10), EVE))
                .isInstanceOfSatisfying(ExpenseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExpenseException.Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("locked");
                });
        assertThat(events.of(ExpenseEvents.Advanced.class)).extracting(ExpenseEvents.Advanced::status)
                .containsExactly("ACCOUNTING", "APPROVED");
        assertThat(events.of(ExpenseEvents.Paid.class)).hasSize(1);
    }

    @Test
    void aRejectedClaimGivesItsReceiptsBack() {
        TestInvoices.Invoice taxi = invoice("JK50000001", 260);
        Claim first = draft(EVE);
        claims.addFile(first.id(), "t.png", TestInvoices.photo(0, taxi), null, EVE);
        Claim submitted = claims.submit(first.id(), EVE);
        approvals.decide(submitted.approvalId(), "dave", false, "wrong budget code");
        claims.onApprovalDecided(submitted.approvalId());

        Claim rejected = claims.get(first.id(), EVE);
        assertThat(rejected.status()).isEqualTo(Claim.Status.REJECTED);
        assertThat(rejected.rejectedReason()).isEqualTo("wrong budget code");
        Claim again = draft(EVE);
        claims.addFile(again.id(), "t.png", TestInvoices.photo(0, taxi), null, EVE);
        assertThat(claims.submit(again.id(), EVE).status()).isEqualTo(Claim.Status.SUBMITTED);
    }

    @Test
    void badInputIsRefusedItemByItemAndNothingIsStored() throws Exception {
        Claim claim = draft(EVE);
        assertThat(problems(() -> claims.addTyped(claim.id(), new ExpenseClaims.TypedItem(Claim.Kind.EINVOICE,
                LocalDate.of(2027, 1, 1), new BigDecimal("-5"), "ab123", "12345678", null, null, null, null), EVE)))
                .anyMatch(p -> p.contains("future")).anyMatch(p -> p.contains("not positive"))
                .anyMatch(p -> p.contains("two capital letters")).anyMatch(p -> p.contains("12345678"));
        assertThat(problems(() -> claims.addTyped(claim.id(), typedInvoice("LM60000001", 5_000_000), EVE)))
                .anyMatch(p -> p.contains("above"));
        assertThat(problems(() -> claims.addTyped(claim.id(), typedInvoice("LM60000001", 0.001), EVE)))
                .anyMatch(p -> p.contains("decimals"));
        assertThat(problems(() -> claims.addFile(claim.id(), "two.png",
                TestInvoices.photo(0, invoice("LM60000002", 100)), new ExpenseClaims.TypedItem(null, null,
                        new BigDecimal("101"), null, null, null, null, null, null), EVE)))
                .singleElement().asString().contains("NT$100").contains("NT$101");
        TestInvoices.Invoice badSeller = new TestInvoices.Invoice("LM60000003", DAY, 100, "12345678");
        assertThat(problems(() -> claims.addFile(claim.id(), "bad.png", TestInvoices.photo(0, badSeller), null, EVE)))
                .singleElement().asString().contains("seller 12345678 is not a valid 統一編號");
        TestInvoices.Invoice future = new TestInvoices.Invoice("LM60000004", LocalDate.of(2027, 2, 1), 100, SELLER);
        assertThat(problems(() -> claims.addFile(claim.id(), "f.png", TestInvoices.photo(0, future), null, EVE)))
                .singleElement().asString().contains("future");
        assertThat(problems(() -> claims.addFile(claim.id(), "x.bin", new byte[] {1, 2, 3}, null, EVE)))
                .singleElement().asString().contains("neither an image");
        assertThat(problems(() -> claims.addFile(claim.id(), "plain.png", TestInvoices.paperReceipt(9), null, EVE)))
                .singleElement().asString().contains("no e-invoice QR code");

        assertThat(claims.get(claim.id(), EVE).items()).isEmpty();
        assertThat(store.list(FilePath.of("/expenses"))).isEmpty();
        assertThat(files.audit.events()).filteredOn(event -> event.action().equals("expense.item-add"))
                .hasSize(8).allSatisfy(event -> assertThat(event.outcome().name()).isEqualTo("FAILURE"));
        assertThat(problems(() -> claims.submit(claim.id(), EVE))).singleElement().asString().contains("no receipts");
    }

    @Test
    void onlyTheClaimantTheirSupervisorsAndAccountingReadAClaimAndItsReceipts() {
        Claim claim = draft(EVE);
        Claim withFile = claims.addFile(claim.id(), "r.png", TestInvoices.photo(0, invoice("NP70000001", 70)), null, EVE);
        long item = withFile.items().get(0).id();

        for (WorkspaceUser reader : List.of(EVE, DAVE, AMY)) {
            assertThat(claims.get(claim.id(), reader).id()).isEqualTo(claim.id());
            assertThat(claims.receipt(claim.id(), item, reader)).startsWith((byte) 0x89, (byte) 'P');
            assertThat(claims.labelledReceiptPath(claim.id(), item, reader)).isEmpty();
            assertThat(claims.listFor(reader)).extracting(Claim::id).contains(claim.id());
        }
        for (WorkspaceUser outsider : List.of(GUS, FINN, ZED)) {
            assertThatThrownBy(() -> claims.get(claim.id(), outsider)).isInstanceOfSatisfying(ExpenseException.class,
                    e -> assertThat(e.reason()).isEqualTo(ExpenseException.Reason.NOT_FOUND));
            assertThatThrownBy(() -> claims.receipt(claim.id(), item, outsider)).isInstanceOf(ExpenseException.class);
            assertThat(claims.listFor(outsider)).isEmpty();
        }
        assertThatThrownBy(() -> claims.addTyped(claim.id(), typedInvoice("NP70000002", 1), AMY))
                .isInstanceOfSatisfying(ExpenseException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExpenseException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> exports.csv(YearMonth.of(2026, 1), YearMonth.of(2026, 12), EVE))
                .isInstanceOf(ExpenseException.class);
    }

    @Test
    void totalsAndExportsCountClaimsPastTheirSupervisorPerBudgetCodeAndMonth() throws Exception {
        Claim claim = draft(EVE);
        claims.addTyped(claim.id(), typedInvoice("QR80000001", 100.5), EVE);
        claims.addTyped(claim.id(), new ExpenseClaims.TypedItem(Claim.Kind.RECEIPT, LocalDate.of(2026, 10, 3),
                new BigDecimal("=1+1".length()), null, null, null, "=HYPERLINK(\"x\")", null, "講師費"), EVE);
        Claim submitted = claims.submit(claim.id(), EVE);
        assertThat(exports.totals(YearMonth.of(2026, 1), YearMonth.of(2026, 12), AMY)).as("not past the supervisor")
                .isEmpty();
        approvals.decide(submitted.approvalId(), "dave", true, null);
        claims.onApprovalDecided(submitted.approvalId());

        assertThat(exports.totals(YearMonth.of(2026, 1), YearMonth.of(2026, 12), AMY)).containsExactly(
                new ExpenseExports.Total("B-101", YearMonth.of(2026, 10), new BigDecimal("4.00"), 1),
                new ExpenseExports.Total("B-101", YearMonth.of(2026, 11), new BigDecimal("100.50"), 1));
        String csv = exports.csv(YearMonth.of(2026, 1), YearMonth.of(2026, 12), AMY);
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv).contains("'=HYPERLINK").contains("100.50").contains("講師費");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                exports.xlsx(YearMonth.of(2026, 1), YearMonth.of(2026, 12), AMY)))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(2).getCell(13).getNumericCellValue()).isEqualTo(100.5);
            assertThat(sheet.getRow(1).getCell(11).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
        }
        assertThat(events.of(ExpenseEvents.Exported.class)).extracting(ExpenseEvents.Exported::format)
                .containsExactly("csv", "xlsx");
    }

    @Test
    void theChatCommandTellsWhereAClaimStandsOnlyToThoseWhoMayRead() {
        Claim claim = draft(EVE);
        claims.addTyped(claim.id(), typedInvoice("ST90000001", 420), EVE);
        Claim submitted = claims.submit(claim.id(), EVE);
        ExpenseCommand command = new ExpenseCommand(claims, texts);

        CommandResult own = command.handle(chat("eve", Long.toString(claim.id())));
        CommandResult mine = command.handle(chat("eve"));
        CommandResult outsider = command.handle(chat("zed", "#" + claim.id()));

        assertThat(own.success()).isTrue();
        assertThat(own.text()).contains("#" + claim.id(), "NT$420", "supervisor", submitted.approvalId());
        assertThat(mine.text()).contains("open expense claims: 1");
        assertThat(outsider.success()).isFalse();
        assertThat(outsider.text()).contains("No expense claim");
        assertThat(command.handle(chat("zh", "x")).success()).isFalse();
    }

    private static CommandContext chat(String login, String... arguments) {
        return new CommandContext(login, "@" + login + ":agency.test", "!room", "$event", List.of(arguments),
                String.join(" ", arguments), Locale.ENGLISH);
    }

    @Test
    void aClaimantWithNoSupervisorInTheirDepartmentsIsRefusedWithAConflictAuditedAndNothingChanges() {
        // amy's only department, accounting, has no holder of the supervisor role.
        Claim claim = draft(AMY);
        claims.addTyped(claim.id(), typedInvoice("ZZ90000001", 300), AMY);
        int audited = files.audit.events().size();

        assertThatThrownBy(() -> claims.submit(claim.id(), AMY)).isInstanceOfSatisfying(ExpenseException.class, e -> {
            assertThat(e.reason()).isEqualTo(ExpenseException.Reason.CONFLICT);
            assertThat(e.problems()).containsExactly("nobody in amy's departments holds the role manager");
        });

        Claim after = claims.get(claim.id(), AMY);
        assertThat(after.status()).isEqualTo(Claim.Status.DRAFT);
        assertThat(after.approvalId()).isNull();
        assertThat(approvals.openRequestsOf("amy")).isEmpty();
        assertThat(files.database.jdbc().sql("SELECT COUNT(*) FROM expense_claimed_key WHERE claim_id = :id")
                .param("id", claim.id()).query(Long.class).single()).as("the receipts are not held").isZero();
        assertThat(files.audit.events().subList(audited, files.audit.events().size()))
                .filteredOn(event -> event.action().equals("expense.submit")).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(org.agencyworkspace.platform.audit.AuditEvent.Outcome.FAILURE));
        assertThat(events.of(ExpenseEvents.Submitted.class)).isEmpty();
    }

    @Test
    void theMofPlatformsAnswerForEachClaimedEInvoiceIsKeptOnItsItem() {
        Claim claim = draft(EVE);
        TestInvoices.Invoice known = invoice("VF10000001", 500);
        TestInvoices.Invoice unknown = invoice("VF10000002", 300);
        TestInvoices.Invoice other = invoice("VF10000003", 700);
        TestInvoices.Invoice voided = invoice("VF10000004", 200);
        claims.addFile(claim.id(), "a.png", TestInvoices.photo(0, known, unknown), null, EVE);
        claims.addFile(claim.id(), "b.png", TestInvoices.photo(0, other, voided), null, EVE);
        List<InvoiceRegistry.Query> asked = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<InvoiceRegistry.InvoiceRegistryException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        InvoiceRegistry platform = query -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            asked.add(query);
            return switch (query.number()) {
                case "VF10000001" -> Optional.of(new InvoiceRegistry.Registered(query.number(), query.issued(),
                        SELLER, "全家便利商店", "已確認", new BigDecimal("500")));
                case "VF10000003" -> Optional.of(new InvoiceRegistry.Registered(query.number(), query.issued(),
                        SELLER, "全家便利商店", "已確認", new BigDecimal("7000")));
                case "VF10000004" -> Optional.of(new InvoiceRegistry.Registered(query.number(), query.issued(),
                        SELLER, "全家便利商店", "作廢", new BigDecimal("200")));
                default -> Optional.empty();
            };
        };
        InvoiceVerifications verifications = new InvoiceVerifications(files.database.jdbc(), platform, files.audit,
                events, files.clock, 50);

        failure.set(new InvoiceRegistry.InvoiceRegistryException("platform down", true));
        assertThat(verifications.verifyDue()).as("an outage leaves them to ask again").isZero();
        failure.set(null);
        assertThat(verifications.verifyDue()).isEqualTo(4);
        assertThat(verifications.verifyDue()).as("each is asked once").isZero();

        assertThat(asked).extracting(InvoiceRegistry.Query::verification).as("the left code's verification field")
                .allSatisfy(field -> assertThat(field).hasSize(24));
        assertThat(claims.get(claim.id(), EVE).items()).extracting(Claim.Item::invoiceNumber, Claim.Item::verification)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("VF10000001", "CONFIRMED"),
                        org.assertj.core.groups.Tuple.tuple("VF10000002", "NOT_FOUND"),
                        org.assertj.core.groups.Tuple.tuple("VF10000003", "MISMATCH"),
                        org.assertj.core.groups.Tuple.tuple("VF10000004", "VOIDED"));
        assertThat(events.of(ExpenseEvents.InvoiceVerified.class)).hasSize(4);
        assertThat(files.audit.actions()).filteredOn("expense.invoice.verify"::equals).hasSize(4);
    }

    @Test
    void aQueryThePlatformRefusesIsRecordedAsAnErrorAndAudited() {
        Claim claim = draft(EVE);
        claims.addFile(claim.id(), "a.png", TestInvoices.photo(0, invoice("VF20000001", 500)), null, EVE);
        InvoiceVerifications verifications = new InvoiceVerifications(files.database.jdbc(), query -> {
            throw new InvoiceRegistry.InvoiceRegistryException("the e-invoice platform refused the query: 998 AppID", false);
        }, files.audit, events, files.clock, 50);

        assertThat(verifications.verifyDue()).isEqualTo(1);

        assertThat(claims.get(claim.id(), EVE).items()).singleElement()
                .satisfies(item -> assertThat(item.verification()).isEqualTo("ERROR"));
        assertThat(files.audit.events()).filteredOn(event -> event.action().equals("expense.invoice.verify"))
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(org.agencyworkspace.platform.audit.AuditEvent.Outcome.FAILURE);
                });
    }

    private Claim draft(WorkspaceUser user) {
        return draft(user, "unmarked");
    }

    private Claim draft(WorkspaceUser user, String level) {
        return claims.create(new ExpenseClaims.NewClaim("出差 Kaohsiung trip", "B-101", "Pilot",
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), level), user);
    }

    private static TestInvoices.Invoice invoice(String number, long total) {
        return new TestInvoices.Invoice(number, DAY, total, SELLER);
    }

    private static ExpenseClaims.TypedItem typedInvoice(String number, double amount) {
        return new ExpenseClaims.TypedItem(Claim.Kind.EINVOICE, DAY, BigDecimal.valueOf(amount), number, SELLER,
                null, null, null, null);
    }

    private static ExpenseClaims.TypedItem receipt(String payee, long amount) {
        return new ExpenseClaims.TypedItem(Claim.Kind.RECEIPT, DAY, BigDecimal.valueOf(amount), null, null, null,
                payee, "10000004", "taxi");
    }

    private static List<String> problems(Runnable action) {
        try {
            action.run();
        } catch (ExpenseException e) {
            return e.problems();
        }
        throw new AssertionError("accepted");
    }

    private static WorkspaceUser user(String login, String role, String department) {
        return new WorkspaceUser(login, login, List.of("staff", role).stream().distinct().toList(),
                List.of(department), "secret");
    }
}
