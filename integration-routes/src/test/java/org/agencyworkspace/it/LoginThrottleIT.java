package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password spraying from one address: after a few failures against many names, the address is
 * turned away even with a right password, with the same generic message, and the real account
 * is not locked by it.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void throttle(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> EmbeddedSignInIT.PASSWORD);
        registry.add("workspace.security.login-throttle.max-failures-per-address", () -> "4");
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    LocalAccounts accounts;

    @Test
    void anAddressSprayingPasswordsIsTurnedAwayWithoutLockingTheRealAccount() {
        LocalLogins logins = new LocalLogins(URI.create("http://127.0.0.1:" + port),
                EmbeddedSignInIT.PASSWORD, dataDir);
        BrowserSession attacker = new BrowserSession("en");
        for (String name : new String[] {"admin", "root", "test", "guest"}) {
            logins.passwordStep(attacker, name, "Summer2026!");
        }

        Page refused = logins.passwordStep(attacker, "alice", EmbeddedSignInIT.PASSWORD);

        assertThat(refused.uri().getPath()).isEqualTo("/login");
        assertThat(refused.html().select("[role=alert]").text()).startsWith("Sign-in failed.");
        assertThat(audit.recent(new AuditQuery("alice", "login.failure", null, 5)))
                .extracting(AuditEvent::reason).containsExactly("too many failures from this address");
        assertThat(accounts.find("alice").orElseThrow().failedAttempts()).isZero();
        assertThat(accounts.find("alice").orElseThrow().lockedUntil()).isNull();
    }
}
