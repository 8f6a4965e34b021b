package org.agencyworkspace.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.Totp;
import org.awaitility.Awaitility;

/**
 * Signs demo staff in through the real pages, as a person with an authenticator app would:
 * password, then enrolment (their own one-time enrolment code, read from the credentials file the
 * operator is given, and the key read off the page) or a code. Remembers each person's secret
 * and never offers the same code twice, since the workspace refuses a reused code.
 */
final class LocalLogins {

    private final URI base;
    private final String password;
    private final Path dataDir;
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    private final Map<String, Long> lastStep = new ConcurrentHashMap<>();

    /** @param dataDir the workspace's data folder, where the demo credentials file is */
    LocalLogins(URI base, String password, Path dataDir) {
        this.base = base;
        this.password = password;
        this.dataDir = dataDir;
    }

    /** Signs {@code login} in on {@code browser}; returns the page after the code step. */
    Page signIn(BrowserSession browser, String login) {
        Page page = passwordStep(browser, login, password);
        if (page.uri().getPath().equals("/login/totp/enrol")) {
            String secret = page.html().selectFirst("#totp-secret").attr("data-secret");
            enrolled(login, secret);
            return browser.submit(page, "#enrol-form", Map.of("code", nextCode(login),
                    "enrolmentCode", enrolmentCode(login)));
        }
        if (page.uri().getPath().equals("/login/totp")) {
            return browser.submit(page, "#totp-form", Map.of("code", nextCode(login)));
        }
        throw new AssertionError("expected the code step after the password, got " + page.uri());
    }

    /** Remembers the key {@code login} enrolled with elsewhere (a real browser read it off the page). */
    void enrolled(String login, String base32Secret) {
        secrets.put(login, Totp.decodeBase32(base32Secret));
    }

    /** The person's one-time enrolment code, as the operator's credentials file lists it. */
    String enrolmentCode(String login) {
        try {
            return Files.readAllLines(dataDir.resolve("initial-credentials.txt")).stream()
                    .filter(line -> line.startsWith(login + "  "))
                    .flatMap(line -> Stream.of(line.split("\\s+")))
                    .filter(field -> field.startsWith("enrolment-code="))
                    .map(field -> field.substring("enrolment-code=".length()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no enrolment code for " + login));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
