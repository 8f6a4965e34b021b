package org.agencyworkspace.security.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.security.local.EnrolmentCodes.Check;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One-time enrolment codes: one person's, typed by hand, expiring, used once. */
class EnrolmentCodesTest {

    private final TestDatabase database = new TestDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));
    private final EnrolmentCodes codes =
            new EnrolmentCodes(database.jdbc(), clock, Duration.ofHours(72));

    @BeforeEach
    void accounts() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        for (String login : List.of("alice", "bob")) {
            accounts.create(new LocalAccount(login, login, login, login + "@agency.test", "x",
                    null, null, "secret", List.of("staff"), List.of(), true, 0, null));
        }
    }

    @Test
    void aCodeWorksForItsPersonOnlyAndHowEverItIsTyped() {
        String code = codes.issue("alice").orElseThrow().code();

        assertThat(codes.check("alice", code)).isEqualTo(Check.VALID);
        assertThat(codes.check("alice", code.toLowerCase().replace("-", " "))).isEqualTo(Check.VALID);
        assertThat(codes.check("bob", code)).isEqualTo(Check.NONE);
        codes.issue("bob");
        assertThat(codes.check("bob", code)).isEqualTo(Check.WRONG);
        assertThat(codes.check("alice", null)).isEqualTo(Check.WRONG);
    }

    @Test
    void aCodeExpires() {
        String code = codes.issue("alice").orElseThrow().code();

        clock.advance(Duration.ofHours(72));

        assertThat(codes.check("alice", code)).isEqualTo(Check.EXPIRED);
    }

    @Test
    void aCodeIsUsedOnceAndANewOneReplacesTheOld() {
        String first = codes.issue("alice").orElseThrow().code();
        String second = codes.issue("alice").orElseThrow().code();
        assertThat(codes.check("alice", first)).isEqualTo(Check.WRONG);

        codes.useUp("alice");

        assertThat(codes.check("alice", second)).isEqualTo(Check.NONE);
        assertThat(codes.issue("nobody")).isEmpty();
    }
}
