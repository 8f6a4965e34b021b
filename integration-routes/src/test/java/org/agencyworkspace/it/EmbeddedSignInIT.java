package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.testsupport.Totp;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default over real HTTP: the sign-in page in both languages, TOTP enrolment at
 * first sign-in, a code at every sign-in after, refusal of reused codes, lockout, and the audit
 * records all of that leaves.
 */
class EmbeddedSignInIT extends EmbeddedWorkspacePages {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("workspace.security.login-throttle.max-failures", () -> "3");
    }

    @Autowired
    LocalAccounts accounts;

    @Test
    void theSignInPageSpeaksTraditionalChineseAndEnglish() {
        Page chinese = new BrowserSession("zh-TW,zh;q=0.9,en;q=0.5").get(uri("/"));
        Page english = new BrowserSession("zh-TW").get(uri("/login?lang=en"));

        assertThat(chinese.uri().getPath()).isEqualTo("/login");
        assertThat(chinese.html().select("h1").text()).isEqualTo("登入");
        assertThat(chinese.html().select("label[for=password]").text()).isEqualTo("密碼");
        assertThat(chinese.html().selectFirst("html").attr("lang")).isEqualTo("zh-TW");
        assertThat(english.html().select("h1").text()).isEqualTo("Sign in");
        assertThat(english.html().selectFirst("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void firstSignInEnrolsAnAuthenticatorAndLaterSignInsAskForItsCode() {
        LocalLogins people = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession first = new BrowserSession("en");

        Page enrolment = people.passwordStep(first, "alice", PASSWORD);
        assertThat(enrolment.uri().getPath()).isEqualTo("/login/totp/enrol");
        assertThat(enrolment.html().selectFirst("img.qr").attr("src")).startsWith("data:image/png;base64,");
        String secret = enrolment.html().selectFirst("#totp-secret").attr("data-secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        // Half signed in (password only): the API refuses.
        assertThat(first.get(uri("/api/me")).status()).isEqualTo(403);
        assertThat(new BrowserSession().get(uri("/api/me")).status()).isEqualTo(401);

        Page home = people.signIn(new BrowserSession("en"), "alice");
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.html().select("h1").text()).isEqualTo("Good day, Alice Chen");

        BrowserSession second = new BrowserSession("zh-TW");
        Page codeStep = people.passwordStep(second, "alice", PASSWORD);
        assertThat(codeStep.uri().getPath()).isEqualTo("/login/totp");
        Page signedIn = second.submit(codeStep, "#totp-form", Map.of("code", people.nextCode("alice")));
        assertThat(signedIn.html().select("h1").text()).isEqualTo("陳雅婷，您好");
        Page me = second.get(uri("/api/me"));
        assertThat(me.body()).contains("\"login\":\"alice\"").contains("\"clearance\":\"secret\"");

        assertThat(actions("alice")).contains("mfa.enrol", "login.success");
    }

    /**
     * Issue 12, item 9: failed before the fix, as the shared first password alone let whoever
     * signed in first bind their own authenticator to someone else's account.
     */
    @Test
    void theSharedPasswordAloneCannotEnrolAnAuthenticatorOnSomeoneElsesAccount() {
        BrowserSession attacker = new BrowserSession("en");
        Page enrolment = logins().passwordStep(attacker, "bob", PASSWORD);
        byte[] attackersKey = Totp.decodeBase32(
                enrolment.html().selectFirst("#totp-secret").attr("data-secret"));

        for (String stolen : List.of("", logins().enrolmentCode("carol"))) {
            Page refused = attacker.submit(enrolment, "#enrol-form", Map.of(
                    "code", Totp.at(attackersKey, Totp.currentStep()), "enrolmentCode", stolen));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.html().select("#enrolment-refusal").text())
                    .contains("enrolment code");
        }

        assertThat(accounts.find("bob").orElseThrow().totpEnrolled()).isFalse();
        assertThat(attacker.get(uri("/api/me")).status()).isEqualTo(403);
        assertThat(audit.recent(new AuditQuery("bob", "mfa.enrol", null, 5)))
                .extracting(AuditEvent::reason).containsOnly("wrong enrolment code");
        // Bob himself, with his own code, still enrols.
        BrowserSession bob = new BrowserSession("en");
        assertThat(logins().signIn(bob, "bob").uri().getPath()).isEqualTo("/");

        // A lost phone: an administrator (Bob, here for himself) issues a new code.
        HttpResponse<String> issued = bob.sendWithCsrf(uri("/"), HttpRequest.newBuilder(
                uri("/api/admin/accounts/bob/enrolment-code"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String newCode = issued.body().replaceAll(".*\"enrolmentCode\":\"([^\"]+)\".*", "$1");
        assertThat(accounts.find("bob").orElseThrow().totpEnrolled()).isFalse();
        BrowserSession newPhone = new BrowserSession("en");
        Page again = logins().passwordStep(newPhone, "bob", PASSWORD);
        byte[] newKey = Totp.decodeBase32(again.html().selectFirst("#totp-secret").attr("data-secret"));
        assertThat(newPhone.submit(again, "#enrol-form", Map.of("enrolmentCode", newCode,
                "code", Totp.at(newKey, Totp.currentStep()))).uri().getPath()).isEqualTo("/");
        assertThat(actions("bob")).contains("mfa.enrolment-code");
    }

    @Test
    void eachPersonsEnrolmentCodeIsWrittenOnceForTheOperatorAlone() throws Exception {
        Path credentials = dataDir.resolve("initial-credentials.txt");

        assertThat(Files.getPosixFilePermissions(credentials))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> codes = Stream.of("alice", "bob", "carol", "dave", "erin")
                .map(logins()::enrolmentCode).toList();
        assertThat(codes).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("([A-Z2-9]{4}-){4}[A-Z2-9]{4}"));
        assertThat(Files.readString(credentials)).doesNotContain(PASSWORD);
    }

    @Test
    void aCodeIsAcceptedOnceAndAWrongCodeIsCounted() {
        logins().signIn(new BrowserSession(), "dave");
        BrowserSession replay = new BrowserSession();
        Page codeStep = logins().passwordStep(replay, "dave", PASSWORD);

        Page refused = replay.submit(codeStep, "#totp-form", Map.of("code", logins().lastUsedCode("dave")));

        assertThat(refused.uri().getPath()).isEqualTo("/login/totp");
        assertThat(refused.uri().getQuery()).isEqualTo("error");
        assertThat(replay.get(uri("/api/me")).status()).isEqualTo(403);
        assertThat(audit.recent(new AuditQuery("dave", "login.failure", null, 10)))
                .extracting(AuditEvent::reason).contains("code reused");
    }

    @Test
    void wrongPasswordsLockTheAccountWithTheSameGenericMessage() {
        BrowserSession browser = new BrowserSession("en");
        Page unknownUser = logins().passwordStep(browser, "nobody", "whatever");
        String generic = unknownUser.html().select("[role=alert]").text();
        assertThat(generic).startsWith("Sign-in failed.");

        for (int attempt = 0; attempt < 3; attempt++) {
            Page wrong = logins().passwordStep(browser, "erin", "wrong-" + attempt);
            assertThat(wrong.html().select("[role=alert]").text()).isEqualTo(generic);
        }
        Page locked = logins().passwordStep(browser, "erin", PASSWORD);

        assertThat(locked.uri().getPath()).isEqualTo("/login");
        assertThat(locked.html().select("[role=alert]").text()).isEqualTo(generic);
        assertThat(actions("erin")).contains("login.failure");
        assertThat(audit.recent(new AuditQuery(null, "account.lock", "erin", 5))).hasSize(1);
        assertThat(audit.recent(new AuditQuery("erin", "login.failure", null, 10)))
                .extracting(AuditEvent::reason).contains("bad credentials", "account locked");
        assertThat(audit.recent(new AuditQuery("nobody", "login.failure", null, 5)))
                .singleElement().satisfies(event -> assertThat(event.source().ip()).isEqualTo("127.0.0.1"));
    }

    @Test
    void pagesNeedTheCodeStepNotJustThePassword() {
        logins().signIn(new BrowserSession(), "carol");
        BrowserSession halfway = new BrowserSession();
        logins().passwordStep(halfway, "carol", PASSWORD);

        Page home = halfway.get(uri("/"));

        assertThat(home.uri().getPath()).isEqualTo("/login/totp");
        assertThat(halfway.get(uri("/api/inbox")).status()).isEqualTo(403);
    }

    private List<String> actions(String login) {
        return audit.recent(new AuditQuery(login, null, null, 100)).stream()
                .map(AuditEvent::action).toList();
    }

}
