package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.demo.DemoContentSeeder;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The main journeys in a real browser (Debian's Chromium, headless) on the embedded workspace
 * with the demo agency and its sample content, at phone and desktop size: sign-in with password
 * and an authenticator code, the files page (upload a PDF, label it 密, download the marked copy
 * after a step-up), attendance (clock in) and the approvals page (a manager decides a request).
 * axe-core checks every page the journeys show, and each of them again in the other language:
 * no serious or critical violation. With {@code -Dscreenshots.write=true} the phone journey
 * writes the user guides' pictures into docs/images/.
 */
class WorkspaceBrowserIT extends EmbeddedWorkspacePages {

    @DynamicPropertySource
    static void demoContent(DynamicPropertyRegistry registry) {
        registry.add("workspace.demo.content", () -> "true");
    }

    @Autowired
    Approvals approvals;
    @Autowired
    DemoContentSeeder seeder;
    @Autowired
    JdbcClient jdbc;

    private final List<Chromium> browsers = new ArrayList<>();
    private final List<Chromium.Violation> violations = new ArrayList<>();
    private final Set<String> checkedPages = new LinkedHashSet<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void onAPhoneStaffSignInFileLabelDownloadClockInAndAManagerDecides() throws IOException {
        journeys(Chromium.Size.PHONE, "zh-TW", "alice", "/總務處",
                approvals.pendingFor("dave").stream()
                        .filter(approval -> approval.subject().contains("(demo)")).findFirst()
                        .orElseThrow(() -> new AssertionError("the demo agency has no pending request")));
    }

    @Test
    void onADesktopTheSameJourneysInEnglish() throws IOException {
        Approval claim = approvals.request("expense-claim", "Taxi to the ministry, NT$420", null,
                "erin", "manager");
        journeys(Chromium.Size.DESKTOP, "en", "carol", "/政風室", claim);
    }

    @Test
    void everyOtherPageInBothLanguagesAndTheDemoIncidentForTheAdministrator() throws IOException {
        Chromium admin = browser(Chromium.Size.PHONE);
        signIn(admin, "bob", "zh-TW");
        admin.open(url("/admin/security/incidents"));
        assertThat(admin.find("main").getText()).contains("demo-sample", "user:erin");
        for (String page : List.of("/inbox", "/expenses", "/reviews", "/official-documents", "/meetings",
                "/attendance/records", "/attendance/requests", "/settings/notifications",
                "/admin/security/incidents", "/admin/audit", "/admin/dead-letters", "/admin/routes")) {
            for (String language : List.of("zh-TW", "en")) {
                admin.open(url(page + "?lang=" + language));
                check(admin);
            }
        }
        assertThat(checkedPages).hasSizeGreaterThanOrEqualTo(24);
        assertThat(violations).as("serious or critical accessibility violations").isEmpty();
    }

    @Test
    void theDemoAgencyIsSeededOnceAndAudited() {
        int items = DemoContentSeeder.items();
        assertThat(count("SELECT COUNT(*) FROM demo_content")).isEqualTo(items);
        long incidents = count("SELECT COUNT(*) FROM security_incident WHERE rule_id = 'demo-sample'");
        long requests = count("SELECT COUNT(*) FROM approval WHERE subject LIKE '%(demo)'");
        long uploads = audit.recent(new AuditQuery(null, "file.upload", null, 500)).size();
        assertThat(incidents).isEqualTo(1);
        assertThat(requests).isEqualTo(1);
        assertThat(audit.recent(new AuditQuery(null, "demo-agency.content", null, 10))).singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo(items + " sample items seeded"));

        assertThat(seeder.seed()).isZero();

        assertThat(count("SELECT COUNT(*) FROM demo_content")).isEqualTo(items);
        assertThat(count("SELECT COUNT(*) FROM security_incident WHERE rule_id = 'demo-sample'")).isEqualTo(incidents);
        assertThat(count("SELECT COUNT(*) FROM approval WHERE subject LIKE '%(demo)'")).isEqualTo(requests);
        assertThat(audit.recent(new AuditQuery(null, "file.upload", null, 500))).hasSize((int) uploads);
        assertThat(audit.recent(new AuditQuery(null, "demo-agency.content", null, 10))).hasSize(1);
    }

    private void journeys(Chromium.Size size, String lang, String login, String folder,
            Approval request) throws IOException {
        boolean pictures = size == Chromium.Size.PHONE;
        Chromium staff = browser(size);
        signIn(staff, login, lang);
        check(staff);
        // From the keyboard: the first Tab reaches the skip link, which jumps past the menu.
        new Actions(staff.driver).sendKeys(Keys.TAB).perform();
        assertThat(staff.driver.executeScript("return document.activeElement.className;")).isEqualTo("skip-link");
        new Actions(staff.driver).sendKeys(Keys.ENTER).perform();
        assertThat(staff.driver.executeScript("return document.activeElement.id;")).isEqualTo("content");
        if (pictures) {
            staff.screenshot("browser-home");
        }

        // Files: upload a PDF, label it 密, download the marked copy after a step-up.
        staff.open(url("/files?path=" + URLEncoder.encode(folder, StandardCharsets.UTF_8)));
        check(staff);
        String name = "browser-" + size.name().toLowerCase() + ".pdf";
        Path upload = Files.write(dataDir.resolve(name), FileDeliveryIT.pdf(2));
        staff.find("input[type=file]").sendKeys(upload.toString());
        staff.submit("form[action$='/files/upload']");
        String path = folder + "/" + name;
        String row = "tr[data-path='" + path + "']";
        assertThat(staff.all(row)).as("uploaded %s", path).hasSize(1);
        check(staff);
        staff.find(row + " details summary").click();
        staff.find(row + " select[name=level] option[value=secret]").click();
        staff.type(row + " input[name=reason]", "Browser test: procurement scores");
        staff.type(row + " input[name=declassifyCondition]", "after the award is published");
        staff.submit(row + " form.label-form");
        assertThat(staff.find(row).getAttribute("data-level")).isEqualTo("secret");
        check(staff);
        if (pictures) {
            staff.screenshot("browser-files");
        }
        staff.find(row + " a[href*='kind=download']").click();
        staff.waitForPath("/step-up/totp");
        check(staff);
        staff.type("#code", logins().nextCode(login));
        staff.clickSubmit("#step-up-form");
        assertMarkedCopy(staff.downloaded(name), login);

        // Attendance: verify if asked, then clock in.
        staff.open(url("/attendance"));
        check(staff);
        if (!staff.all("#verify").isEmpty()) {
            staff.find("#verify").click();
            staff.waitForPath("/step-up/totp");
            check(staff);
            staff.type("#code", logins().nextCode(login));
            staff.submit("#step-up-form");
        }
        staff.find("#clock-form input[value=remote]").click();
        staff.submit("#clock-form");
        assertThat(staff.find("#clock-in").getText()).matches("\\d\\d:\\d\\d");
        check(staff);
        if (pictures) {
            staff.screenshot("browser-attendance");
        }

        // Approvals: the manager decides the request on the page.
        Chromium manager = browser(size);
        signIn(manager, "dave", lang);
        manager.open(url("/approvals"));
        String waiting = "#approvals-waiting tr[data-id='" + request.id() + "']";
        assertThat(manager.all(waiting)).hasSize(1);
        check(manager);
        if (pictures) {
            manager.screenshot("browser-approvals");
        }
        manager.submit(waiting + " form.approve-form");
        assertThat(manager.all(waiting)).isEmpty();
        check(manager);
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(Approval.Status.APPROVED);

        // Every page shown, again in the other language.
        String other = lang.equals("en") ? "zh-TW" : "en";
        for (String page : List.of("/", "/files?path=" + URLEncoder.encode(folder, StandardCharsets.UTF_8),
                "/attendance")) {
            staff.open(url(page + (page.contains("?") ? "&" : "?") + "lang=" + other));
            check(staff);
        }
        manager.open(url("/approvals?lang=" + other));
        check(manager);
        Chromium stranger = browser(size);
        for (String language : List.of("zh-TW", "en")) {
            stranger.open(url("/login?lang=" + language));
            check(stranger);
        }

        assertThat(checkedPages).as("pages checked").hasSizeGreaterThanOrEqualTo(12);
        assertThat(violations).as("serious or critical accessibility violations (axe-core %s)",
                System.getenv("WORKSPACE_AXE_JS")).isEmpty();
    }

    /** Password, then the enrolment (first time) or a code, as the person would on the page. */
    private void signIn(Chromium browser, String login, String lang) {
        browser.open(url("/login?lang=" + lang));
        browser.type("#username", login);
        browser.type("#password", PASSWORD);
        browser.submit("#login-form");
        check(browser);
        if (browser.path().equals("/login/totp/enrol")) {
            logins().enrolled(login, browser.find("#totp-secret").getAttribute("data-secret"));
            browser.type("#enrolment-code", logins().enrolmentCode(login));
            browser.type("#code", logins().nextCode(login));
            browser.submit("#enrol-form");
        } else {
            assertThat(browser.path()).isEqualTo("/login/totp");
            browser.type("#code", logins().nextCode(login));
            browser.submit("#totp-form");
        }
        assertThat(browser.path()).as("signed in").isEqualTo("/");
    }

    private void check(Chromium browser) {
        List<Chromium.Violation> found = browser.accessibilityViolations();
        checkedPages.add(browser.driver.getCurrentUrl() + " " + browser.driver.executeScript(
                "return document.documentElement.lang;"));
        found.forEach(violation -> System.out.println("axe: " + violation));
        violations.addAll(found);
    }

    private void assertMarkedCopy(Path copy, String login) throws IOException {
        try (PDDocument marked = Loader.loadPDF(copy.toFile())) {
            assertThat(marked.getNumberOfPages()).isEqualTo(2);
            for (int page = 1; page <= 2; page++) {
                // The diagonal mark comes out of the text extraction a few letters a line.
                assertThat(FileDeliveryIT.textOf(marked, page).replaceAll("\\s", "")).as("page %d of the downloaded copy", page)
                        .contains("密SECRET", "(" + login + ")");
            }
        }
        assertThat(audit.recent(new AuditQuery(login, "file.download", null, 5))).isNotEmpty();
    }

    private Chromium browser(Chromium.Size size) throws IOException {
        Chromium browser = new Chromium(size, Files.createTempDirectory(dataDir, "downloads"));
        browsers.add(browser);
        return browser;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
