package org.agencyworkspace.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** A session's clearance and roles are checked against the directory as it is now. */
class SessionGuardTest {

    private static final WorkspaceUser SIGNED_IN = new WorkspaceUser("alice", "Alice",
            List.of("security-officer", "staff", "offline_access"), List.of("it"), "confidential");

    private final TestDatabase database = new TestDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));
    private final LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
    private SessionGuard guard;

    @BeforeEach
    void signedIn() {
        database.jdbc().sql("INSERT INTO department (code, name_en, name_zh) VALUES ('it', 'IT', 'IT')")
                .update();
        accounts.create(new LocalAccount("alice", "Alice", "雅婷", "alice@agency.test", "x", null,
                null, "confidential", List.of("security-officer", "staff"), List.of("it"), true, 0,
                null));
        SecurityProperties security = Mockito.mock(SecurityProperties.class);
        Mockito.when(security.sessions())
                .thenReturn(new SecurityProperties.Sessions(Duration.ofSeconds(30)));
        guard = new SessionGuard(accounts, clock, security, new IdentityProperties(
                List.of("staff", "manager", "security-officer", "auditor", "admin"),
                List.of("unmarked", "secret", "confidential", "top-secret", "absolutely-secret"),
                new IdentityProperties.Scim(null, 200), new IdentityProperties.Provisioning(
                        Duration.ofMillis(250), 8, 50),
                new IdentityProperties.Reconciliation(false, Duration.ofHours(6), false, List.of())));
    }

    @Test
    void aSessionMatchingTheDirectoryGoesOn() {
        assertThat(guard.refusal(SIGNED_IN)).isEmpty();
    }

    @Test
    void aDisabledPersonIsRefusedAtOnceAfterTheChangeIsAnnounced() {
        assertThat(guard.refusal(SIGNED_IN)).isEmpty();
        accounts.restrict("alice", false, null, List.of());
        guard.accessChanged(new AccessChanged("alice"));

        assertThat(guard.refusal(SIGNED_IN)).hasValue("account disabled");
    }

    @Test
    void aLowerClearanceIsRefused() {
        accounts.restrict("alice", true, "secret", List.of());
        guard.accessChanged(new AccessChanged("alice"));

        assertThat(guard.refusal(SIGNED_IN)).hasValue("clearance lowered to secret");
    }

    @Test
    void aRemovedWorkspaceRoleIsRefusedButRolesTheWorkspaceDoesNotManageAreIgnored() {
        accounts.restrict("alice", true, null, List.of("security-officer"));
        guard.accessChanged(new AccessChanged("alice"));

        assertThat(guard.refusal(SIGNED_IN)).hasValue("role removed: security-officer");
    }

    @Test
    void aChangeMadeElsewhereIsSeenWithinTheRecheckInterval() {
        assertThat(guard.refusal(SIGNED_IN)).isEmpty();
        // Another node (or an operator) changed the entry; nobody told this node.
        accounts.restrict("alice", false, null, List.of());

        assertThat(guard.refusal(SIGNED_IN)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.refusal(SIGNED_IN)).hasValue("account disabled");
    }

    @Test
    void someoneTheDirectoryDoesNotKnowIsJudgedByTheirTokenAlone() {
        assertThat(guard.refusal(new WorkspaceUser("svc", "svc", List.of(), List.of(), null)))
                .isEmpty();
    }
}
