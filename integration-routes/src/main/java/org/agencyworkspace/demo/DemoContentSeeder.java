package org.agencyworkspace.demo;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.detection.Finding;
import org.agencyworkspace.security.detection.RuleSet;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the demo agency with what a newcomer needs to see every capability at first sign-in
 * ({@code workspace.demo.content}, which {@code bin/workspace run} turns on): each department's
 * folder with sample files (text, PDF, DOCX) at each level the workspace accepts (unmarked and
 * 密; 機密 and above are kept off it), a labelled folder whose files inherit 密, a pending
 * approval for the managers and an open security incident. Everything goes through the same
 * services people use, as the demo person who owns it, so labels, uploads and the request are
 * audited as usual. Each item is written down in {@code demo_content} once done: a second start
 * seeds nothing new, and the whole run is audited as {@code demo-agency.content}.
 */
@Component
@Order(10) // after DemoAgencySeeder has created the people
public class DemoContentSeeder implements ApplicationRunner {

    /** One sample file, uploaded by {@code owner}; labelled when {@code label} is not null. */
    record SampleFile(String path, String owner, List<String> lines, Sample label) {
    }

    /** A folder that {@code owner} labels. */
    record SampleFolder(String path, String owner, Sample label) {
    }

    /** A label the demo asks for, with the reason and the condition that ends it. */
    record Sample(String level, String reason, String condition) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoContentSeeder.class);
    private static final Sample SECRET_TENDER = new Sample("secret",
            "政府採購法第34條：評選資料於決標前保密 (demo)", "決標公告後");
    private static final Sample SECRET_BUDGET = new Sample("secret",
            "預算籌編資料，核定前保密 (demo)", "總預算案送立法院後");
    private static final Sample SECRET_CASE = new Sample("secret",
            "政風調查中之檢舉案 (demo)", "調查結案後");

    static final List<SampleFolder> FOLDERS = List.of(
            new SampleFolder("/總務處/採購案", "alice", SECRET_TENDER));
    static final List<SampleFile> FILES = List.of(
            new SampleFile("/總務處/辦公室搬遷公告.txt", "alice", List.of(
                    "總務處公告：本處將於下月起遷至 5 樓。",
                    "Notice: General Affairs moves to the 5th floor next month."), null),
            new SampleFile("/總務處/會議室使用規則.docx", "alice", List.of(
                    "會議室使用規則 Meeting room rules",
                    "1. 請於系統預約 Book in the workspace.",
                    "2. 使用後請恢復原狀 Leave the room as you found it."), null),
            new SampleFile("/總務處/採購案/評選會議紀錄.pdf", "alice", List.of(
                    "Tender evaluation meeting minutes (sample)",
                    "Committee: 5 members, 2 from outside the agency.",
                    "Scores are kept until the award is published."), null),
            new SampleFile("/主計室/預算執行表.pdf", "dave", List.of(
                    "Budget execution, third quarter (sample)",
                    "Personnel 62%  Operations 71%  Equipment 38%"), SECRET_BUDGET),
            new SampleFile("/主計室/經費核銷說明.txt", "dave", List.of(
                    "經費核銷：請附電子發票或收據，於活動結束後 30 日內申請。",
                    "Expense claims: attach the e-invoice or receipt within 30 days."), null),
            new SampleFile("/政風室/檢舉案調查報告.pdf", "carol", List.of(
                    "Investigation report, case 2026-07 (sample)",
                    "For the Civil Service Ethics Office."), SECRET_CASE),
            new SampleFile("/政風室/廉政宣導.txt", "carol", List.of(
                    "廉政宣導：收受饋贈請依規定登錄。",
                    "Integrity: register every gift you are offered."), null),
            new SampleFile("/資訊處/資訊安全通報.txt", "bob", List.of(
                    "資安通報：請勿點選不明連結，可疑郵件請轉寄資訊處。",
                    "Security notice: forward suspicious mail to IT; do not click unknown links."),
                    null));

    private final DemoContentProperties properties;
    private final LocalAccounts accounts;
    private final FileStore store;
    private final FileUploads uploads;
    private final FileLabels labels;
    private final Approvals approvals;
    private final IncidentStore incidents;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DemoContentSeeder(DemoContentProperties properties, LocalAccounts accounts,
            FileStore store, FileUploads uploads, FileLabels labels, Approvals approvals,
            IncidentStore incidents, AuditTrail audit, JdbcClient jdbc,
            TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.store = store;
        this.uploads = uploads;
        this.labels = labels;
        this.approvals = approvals;
        this.incidents = incidents;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.content()) {
            seed();
        }
    }

    /** How many items a first seed adds: the folders, the files, the request and the incident. */
    public static int items() {
        return FOLDERS.size() + FILES.size() + 2;
    }

    /** Seeds what is not there yet; returns how many items it added (0 the second time). */
    public int seed() {
        if (accounts.find("alice").isEmpty()) {
            LOG.info("No demo sample content: the demo accounts do not exist "
                    + "(workspace.security.local.seed-demo-agency)");
            return 0;
        }
        int added = 0;
        for (SampleFolder folder : FOLDERS) {
            added += once("folder:" + folder.path(), () -> {
                FilePath path = FilePath.of(folder.path());
                store.createFolders(path);
                labels.label(store.stat(path).orElseThrow(), request(folder.label()), person(folder.owner()));
            });
        }
        for (SampleFile file : FILES) {
            added += once("file:" + file.path(), () -> {
                FilePath path = FilePath.of(file.path());
                store.createFolders(path.parent().orElseThrow());
                if (store.stat(path).isEmpty()) {
                    uploads.store(path, new ByteArrayInputStream(SampleFiles.of(path.name(), file.lines())),
                            file.label() == null ? null : request(file.label()), person(file.owner()));
                }
            });
        }
        added += once("approval:leave", () -> approvals.request("leave",
                "特休假 2 天 · Annual leave, 2 days (demo)", null, "alice", "manager"));
        added += once("incident:sample", () -> incidents.raise(new Finding("demo-sample",
                RuleSet.Severity.MEDIUM, "user:erin",
                "Sample incident to practise on: assign, acknowledge, close (demo)", List.of(),
                clock.instant())));
        if (added > 0) {
            audit.record(AuditEvent.of("demo-agency.content", "configuration")
                    .target("agency", "demo")
                    .reason(added + " sample items seeded")
                    .details(Map.of("folders", Integer.toString(FOLDERS.size()),
                            "files", Integer.toString(FILES.size())))
                    .build());
            LOG.info("Seeded the demo agency's sample content: {} items", added);
        }
        return added;
    }

    /** Runs {@code step} unless {@code item} was seeded before, and writes it down; 1 if it ran. */
    private int once(String item, Runnable step) {
        Integer ran = transaction.execute(status -> {
            boolean done = jdbc.sql("SELECT COUNT(*) FROM demo_content WHERE item = :item")
                    .param("item", item).query(Integer.class).single() > 0;
            if (done) {
                return 0;
            }
            step.run();
            jdbc.sql("INSERT INTO demo_content (item, seeded_at) VALUES (:item, :at)")
                    .param("item", item).param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
            return 1;
        });
        return ran == null ? 0 : ran;
    }

    private LabelRequest request(Sample label) {
        return new LabelRequest(label.level(), label.reason(), null, null, label.condition(), false,
                List.of(), List.of());
    }

    private WorkspaceUser person(String login) {
        Optional<LocalAccount> account = accounts.find(login);
        return account.orElseThrow(() -> new IllegalStateException("no demo account " + login))
                .toWorkspaceUser(true);
    }
}
