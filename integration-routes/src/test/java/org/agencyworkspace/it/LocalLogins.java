package org.agencyworkspace.it;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.Totp;
import org.awaitility.Awaitility;

/**
 * Signs demo staff in through the real pages, as a person with an authenticator app would:
 * password, then enrolment (reading the key off the page) or a code. Remembers each person's
 * secret and never offers the same code twice, since the workspace refuses a reused code.
 */
final class LocalLogins {

    private final URI base;
    private final String password;
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    private final Map<String, Long> lastStep = new ConcurrentHashMap<>();

    LocalLogins(URI base, String password) {
        this.base = base;
        this.password = password;
    }

    /** Signs {@code login} in on {@code browser}; returns the page after the code step. */
    Page signIn(BrowserSession browser, String login) {
        Page page = passwordStep(browser, login, password);
        if (page.uri().getPath().equals("/login/totp/enrol")) {
            String secret = page.html().selectFirst("#totp-secret").attr("data-secret");
            secrets.put(login, Totp.decodeBase32(secret));
            return browser.submit(page, "#enrol-form", Map.of("code", nextCode(login)));
        }
        if (page.uri().getPath().equals("/login/totp")) {
            return browser.submit(page, "#totp-form", Map.of("code", nextCode(login)));
        }
        throw new AssertionError("expected the code step after the password, got " + page.uri());
    }

    /** Only the password form; returns the page it leads to. */
    Page passwordStep(BrowserSession browser, String login, String password) {
        Page form = browser.get(base.resolve("/login"));
        return browser.submit(form, "#login-form", Map.of("username", login, "password", password));
    }

    /** A code for {@code login} that has not been used yet, waiting for the clock if needed. */
    String nextCode(String login) {
        byte[] secret = secrets.get(login);
        if (secret == null) {
            throw new AssertionError(login + " has not enrolled yet");
        }
        long wanted = Math.max(Totp.currentStep(), lastStep.getOrDefault(login, 0L) + 1);
        // The workspace accepts the current step and the next; beyond that, wait for time to pass.
        Awaitility.await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(500))
                .until(() -> wanted <= Totp.currentStep() + 1);
        lastStep.put(login, wanted);
        return Totp.at(secret, wanted);
    }

    /** The code already used last time: a replay the workspace must refuse. */
    String lastUsedCode(String login) {
        return Totp.at(secrets.get(login), lastStep.get(login));
    }
}
