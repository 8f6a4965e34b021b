package org.agencyworkspace.security.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.support.CountingDataSource;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class LocalAccountsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final LocalAccounts accounts = new LocalAccounts(new TestDatabase().jdbc(), clock);

    @BeforeEach
    void oneAccount() {
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        accounts.create(new LocalAccount("bob", "Bob Lin", "林志明", "bob@agency.test", "{hash}",
                null, null, "unmarked", List.of("staff", "admin"), List.of("it"), true, 0, null));
    }

    @Test
    void readsRolesAndDepartmentsBack() {
        LocalAccount bob = accounts.find("bob").orElseThrow();

        assertThat(bob.roles()).containsExactly("admin", "staff");
        assertThat(bob.departments()).containsExactly("it");
        assertThat(bob.displayNameZh()).isEqualTo("林志明");
        assertThat(bob.totpEnrolled()).isFalse();
    }

    @Test
    void readingAnAccountNeverHoldsTwoConnections() {
        // Every request's session check reads the account: with one connection held while a
        // second is asked for, ten such requests at once empty a pool of ten (issue 22).
        TestDatabase database = new TestDatabase();
        CountingDataSource counted = new CountingDataSource(database.dataSource());
        LocalAccounts counting = new LocalAccounts(JdbcClient.create(counted), clock);
        counting.create(new LocalAccount("ann", "Ann Wu", "吳安", null, "{hash}", null, null, "secret",
                List.of("staff", "manager"), List.of(), true, 0, null));
        counted.reset();

        LocalAccount ann = counting.find("ann").orElseThrow();

        assertThat(ann.roles()).containsExactly("manager", "staff");
        assertThat(counted.taken()).isEqualTo(3);
        assertThat(counted.mostOpen()).as("connections held at once").isEqualTo(1);
    }

    @Test
    void locksAtTheLimitAndASuccessClearsTheCount() {
        assertThat(accounts.recordFailure("bob", 3, Duration.ofMinutes(15))).isFalse();
        assertThat(accounts.recordFailure("bob", 3, Duration.ofMinutes(15))).isFalse();
        assertThat(accounts.recordFailure("bob", 3, Duration.ofMinutes(15))).isTrue();

        LocalAccount locked = accounts.find("bob").orElseThrow();
        assertThat(locked.lockedAt(clock.instant())).isTrue();
        assertThat(locked.lockedAt(clock.instant().plus(Duration.ofMinutes(16)))).isFalse();

        accounts.recordSuccess("bob");
        assertThat(accounts.find("bob").orElseThrow().lockedUntil()).isNull();
        assertThat(accounts.find("bob").orElseThrow().failedAttempts()).isZero();
    }

    @Test
    void aTotpStepIsAcceptedOnlyOnceAndOnlyForward() {
        accounts.enrolTotp("bob", "v1:sealed", 1000);

        assertThat(accounts.acceptTotpStep("bob", 1000)).isFalse();
        assertThat(accounts.acceptTotpStep("bob", 1001)).isTrue();
        assertThat(accounts.acceptTotpStep("bob", 1001)).isFalse();
        assertThat(accounts.acceptTotpStep("bob", 999)).isFalse();
        assertThat(accounts.find("bob").orElseThrow().totpEnrolled()).isTrue();
    }

    @Test
    void singleSignOnPeopleJoinTheDirectoryAndFollowTheirToken() {
        accounts.rememberSingleSignOn("frank", "Frank Wu", "frank@agency.test", "secret",
                List.of("staff", "manager"), List.of("it", "legal"));
        accounts.rememberSingleSignOn("frank", "Frank Wu", "frank@agency.test", "confidential",
                List.of("staff"), List.of("legal"));

        LocalAccount frank = accounts.find("frank").orElseThrow();
        assertThat(frank.roles()).containsExactly("staff");
        assertThat(frank.departments()).containsExactly("legal");
        assertThat(frank.clearance()).isEqualTo("confidential");
        assertThat(frank.passwordHash()).isEqualTo(LocalAccounts.SINGLE_SIGN_ON_ONLY);
        assertThat(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                .matches(LocalAccounts.SINGLE_SIGN_ON_ONLY, frank.passwordHash())).isFalse();
    }
}
