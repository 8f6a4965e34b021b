package org.agencyworkspace.security.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.ChainVerification;
import org.junit.jupiter.api.Test;

/** Every shipped rule against synthetic event streams, and the rules file's checks. */
class DetectionEngineTest {

    private static final List<String> LEVELS = List.of("unmarked", "secret", "confidential",
            "top-secret", "absolutely-secret");
    /** A Tuesday, 10:00 in Taipei. */
    private static final Instant WORKDAY = Instant.parse("2026-11-24T02:00:00Z");

    private final DetectionEngine engine = new DetectionEngine(
            DetectionRulesFile.parse(DetectionRulesFile.defaultText(), LEVELS::contains),
            LEVELS::indexOf, login -> Optional.of(!login.equals("leaver")));

    @Test
    void bruteForceFiresOnTheFifthFailureForOneUserInsideTenMinutes() {
        List<Finding> fired = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fired.addAll(engine.evaluate(failedLogin("alice", "10.0.0." + i, WORKDAY.plusSeconds(i * 60))));
        }
        assertThat(fired).isEmpty();
        // A fifth failure more than 10 minutes after the first: the first has left the window.
        assertThat(engine.evaluate(failedLogin("alice", "10.0.0.9", WORKDAY.plusSeconds(610)))).isEmpty();

        List<Finding> fifth = engine.evaluate(failedLogin("alice", "10.0.0.9", WORKDAY.plusSeconds(620)));

        assertThat(fifth).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("brute-force-user");
            assertThat(finding.entity()).isEqualTo("user:alice");
            assertThat(finding.severity()).isEqualTo(RuleSet.Severity.HIGH);
            assertThat(finding.evidence()).hasSize(5);
        });
    }

    @Test
    void bruteForceByAddressCountsEveryAccountFromIt() {
        List<Finding> fired = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fired.addAll(engine.evaluate(failedLogin(i % 2 == 0 ? "bob" : "bob2", "203.0.113.5",
                    WORKDAY.plusSeconds(i))));
        }
        assertThat(fired).extracting(Finding::ruleId).contains("brute-force-ip");
        assertThat(fired).filteredOn(f -> f.ruleId().equals("brute-force-ip"))
                .singleElement().satisfies(f -> assertThat(f.entity()).isEqualTo("ip:203.0.113.5"));
    }

    @Test
    void passwordSprayingFiresOnManyAccountsFromOneAddressNotOnOneAccountRepeated() {
        List<Finding> fired = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fired.addAll(engine.evaluate(failedLogin("staff" + i, "198.51.100.7", WORKDAY.plusSeconds(i))));
        }
        assertThat(fired).isEmpty();

        List<Finding> eighth = engine.evaluate(failedLogin("staff7", "198.51.100.7", WORKDAY.plusSeconds(8)));

        assertThat(eighth).extracting(Finding::ruleId).containsExactly("password-spraying");
        assertThat(eighth.get(0).severity()).isEqualTo(RuleSet.Severity.CRITICAL);
        assertThat(eighth.get(0).title()).doesNotContain("staff");
    }

    @Test
    void massDownloadCountsOnlyDeliveredLabelledFiles() {
        List<Finding> fired = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fired.addAll(engine.evaluate(delivery("carol", "file.download", null, WORKDAY.plusSeconds(i), true)));
            fired.addAll(engine.evaluate(delivery("carol", "file.download", "secret", WORKDAY.plusSeconds(i), false)));
        }
        assertThat(fired).isEmpty();
        for (int i = 0; i < 29; i++) {
            fired.addAll(engine.evaluate(delivery("carol", i % 2 == 0 ? "file.download" : "file.preview",
                    "secret", WORKDAY.plusSeconds(i), true)));
        }
        assertThat(fired).isEmpty();

        List<Finding> thirtieth = engine.evaluate(delivery("carol", "file.download", "confidential",
                WORKDAY.plusSeconds(40), true));

        assertThat(thirtieth).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("mass-download-labelled");
            assertThat(f.entity()).isEqualTo("user:carol");
            assertThat(f.evidence()).hasSize(30);
            assertThat(f.title()).doesNotContain("/公文");
        });
    }

    @Test
    void aPublicOrExternalShareOfALabelledFileFiresAndAnInternalOneDoesNot() {
        assertThat(engine.evaluate(share("secret", "USER"))).isEmpty();
        assertThat(engine.evaluate(share("unmarked", "PUBLIC_LINK"))).isEmpty();

        assertThat(engine.evaluate(share("secret", "PUBLIC_LINK"))).singleElement()
                .satisfies(f -> assertThat(f.ruleId()).isEqualTo("labelled-share-outside"));
        assertThat(engine.evaluate(share("top-secret", "EXTERNAL"))).extracting(Finding::severity)
                .containsExactly(RuleSet.Severity.HIGH);
    }

    @Test
    void theWorkspacesOwnSharesCountButARefusedShareRaisesNoIncident() {
        AuditEvent made = new AuditEvent(UUID.randomUUID().toString(), WORKDAY, "file.share.created", "file",
                AuditEvent.Outcome.SUCCESS, new AuditEvent.Actor("alice", "Alice"),
                new AuditEvent.Target("file", "/公文/b.pdf", "secret"), null, null, null,
                Map.of("type", "PUBLIC_LINK", "share", "8"));
        AuditEvent refused = new AuditEvent(UUID.randomUUID().toString(), WORKDAY, "file.share.created", "file",
                AuditEvent.Outcome.FAILURE, new AuditEvent.Actor("alice", "Alice"),
                new AuditEvent.Target("file", "/公文/c.pdf", "secret"), null, "not allowed", null, Map.of());

        assertThat(engine.evaluate(refused)).isEmpty();
        assertThat(engine.evaluate(made)).extracting(Finding::ruleId).containsExactly("labelled-share-outside");
    }

    @Test
    void confidentialOrHigherOutsideWorkingHoursFires() {
        Instant saturdayNight = Instant.parse("2026-11-28T14:00:00Z"); // 22:00 Taipei, Saturday
        Instant tuesdayEarly = Instant.parse("2026-11-23T22:00:00Z"); // 06:00 Taipei, Tuesday

        assertThat(engine.evaluate(delivery("dave", "file.preview", "confidential", WORKDAY, true))).isEmpty();
        assertThat(engine.evaluate(delivery("dave", "file.preview", "secret", saturdayNight, true))).isEmpty();
        assertThat(engine.evaluate(delivery("dave", "file.preview", "confidential", saturdayNight, false))).isEmpty();

        assertThat(engine.evaluate(delivery("dave", "file.preview", "confidential", saturdayNight, true)))
                .extracting(Finding::ruleId).containsExactly("classified-after-hours");
        assertThat(engine.evaluate(delivery("dave", "file.download", "top-secret", tuesdayEarly, true)))
                .extracting(Finding::entity).containsExactly("user:dave");
    }

    @Test
    void successfulActivityByADeprovisionedAccountFires() {
        AuditEvent login = AuditEvent.of("login.success", "authentication").actor("leaver", "Leaver").build();
        AuditEvent refused = AuditEvent.of("login.failure", "authentication").actor("leaver", "Leaver")
                .failure("disabled").build();
        AuditEvent active = AuditEvent.of("login.success", "authentication").actor("alice", "Alice").build();

        assertThat(engine.evaluate(active)).isEmpty();
        assertThat(engine.evaluate(refused)).extracting(Finding::ruleId).doesNotContain("deprovisioned-activity");
        assertThat(engine.evaluate(login)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("deprovisioned-activity");
            assertThat(f.entity()).isEqualTo("user:leaver");
            assertThat(f.evidence()).containsExactly(login.id());
        });
    }

    @Test
    void guestsReachingOutsideTheirReviewOrComingBackAfterCloseFire() {
        AuditEvent outside = guest("review.guest.outside-review", "review", "RV2", true);
        AuditEvent staffPage = guest("review.guest.staff-path", "path", "/files", true);
        AuditEvent afterClose = guest("review.guest.after-close", "guest", "G1", true);
        AuditEvent signedIn = guest("review.guest.sign-in", "guest", "G1", false);
        AuditEvent staffRefused = AuditEvent.of("review.guest.outside-review", "process").actor("alice", "Alice")
                .failure("x").build();

        assertThat(engine.evaluate(outside)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("guest-outside-review");
            assertThat(f.severity()).isEqualTo(RuleSet.Severity.HIGH);
            assertThat(f.entity()).isEqualTo("guest:G1");
            assertThat(f.title()).contains("outside-review", "review:RV2");
            assertThat(f.evidence()).containsExactly(outside.id());
        });
        assertThat(engine.evaluate(staffPage)).extracting(Finding::ruleId).containsExactly("guest-outside-review");
        assertThat(engine.evaluate(afterClose)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("guest-after-close");
            assertThat(f.severity()).isEqualTo(RuleSet.Severity.MEDIUM);
        });
        assertThat(engine.evaluate(signedIn)).isEmpty();
        assertThat(engine.evaluate(staffRefused)).extracting(Finding::entity).containsExactly("user:alice");
    }

    private static AuditEvent guest(String action, String targetType, String target, boolean refused) {
        return new AuditEvent(UUID.randomUUID().toString(), WORKDAY, action, "process",
                refused ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS,
                new AuditEvent.Actor("guest:G1", "王教授"), new AuditEvent.Target(targetType, target, null),
                null, refused ? "not theirs" : null, null, null);
    }

    @Test
    void aClockEventFromADepartedAccountFiresEvenWhenItWasRefused() {
        AuditEvent refusedClock = AuditEvent.of("attendance.clock-in", "attendance").actor("leaver", "Leaver")
                .failure("account disabled").build();
        AuditEvent colleagueClock = AuditEvent.of("attendance.clock-in", "attendance").actor("alice", "Alice")
                .failure("second clock-in").build();

        assertThat(engine.evaluate(colleagueClock)).isEmpty();
        assertThat(engine.evaluate(refusedClock)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("attendance-departed-account");
            assertThat(f.entity()).isEqualTo("user:leaver");
            assertThat(f.title()).contains("attendance.clock-in", "refused");
        });
    }

    @Test
    void clockEventsFromTheOfficeAndFromOutsideMinutesApartFireOnceForThatPerson() {
        assertThat(engine.evaluate(clock("alice", "attendance.clock-in", "office", WORKDAY))).isEmpty();
        assertThat(engine.evaluate(clock("bob", "attendance.clock-in", "outside", WORKDAY.plusSeconds(60))))
                .isEmpty();
        // Outside the 15-minute window, a change of network is an ordinary day (office, then home).
        assertThat(engine.evaluate(clock("alice", "attendance.clock-out", "outside", WORKDAY.plusSeconds(16 * 60))))
                .isEmpty();

        List<Finding> hop = engine.evaluate(clock("alice", "attendance.clock-in", "office",
                WORKDAY.plusSeconds(20 * 60)));

        assertThat(hop).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("attendance-zone-hop");
            assertThat(f.entity()).isEqualTo("user:alice");
            assertThat(f.title()).contains("office", "outside");
            assertThat(f.evidence()).hasSize(2);
        });
        assertThat(engine.evaluate(clock("alice", "attendance.clock-out", "office", WORKDAY.plusSeconds(21 * 60))))
                .isEmpty();
    }

    private static AuditEvent clock(String login, String action, String zone, Instant at) {
        return new AuditEvent(UUID.randomUUID().toString(), at, action, "attendance", AuditEvent.Outcome.SUCCESS,
                new AuditEvent.Actor(login, login), new AuditEvent.Target("attendance", login, null),
                null, null, null, Map.of("networkZone", zone));
    }

    @Test
    void aBrokenChainFiresTheChainRule() {
        ChainVerification broken = new ChainVerification(3, 9, new ChainVerification.Problem(
                ChainVerification.Reason.ROW_DELETED, 4, "e5", "gone"));

        assertThat(engine.chainChecked(new ChainVerification(9, 9, null), WORKDAY)).isEmpty();
        assertThat(engine.chainChecked(broken, WORKDAY)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("audit-chain-break");
            assertThat(f.entity()).isEqualTo("audit-chain");
            assertThat(f.title()).contains("position 4", "ROW_DELETED");
        });
    }

    @Test
    void aBadRulesFileIsRefusedWithWhereAndWhat() {
        assertThatThrownBy(() -> DetectionRulesFile.parse("rules: [{id: x, type: brute-force, severity: high,"
                + " threshold: 1, window: 10m}]", LEVELS::contains))
                .hasMessage("rule 1 (x): threshold must be 2 or more");
        assertThatThrownBy(() -> DetectionRulesFile.parse("rules: [{id: x, type: mass-download, severity: high,"
                + " threshold: 3, window: 10m, min-level: 機密}]", LEVELS::contains))
                .hasMessageContaining("min-level must be a classification level code");
        assertThatThrownBy(() -> DetectionRulesFile.parse("rules: [{id: x, type: teleport, severity: high}]",
                LEVELS::contains)).hasMessageContaining("type must be one of");
        assertThatThrownBy(() -> DetectionRulesFile.parse("rules:\n  - id: x\n    tresHold: 3\n",
                LEVELS::contains)).hasMessageStartingWith("unknown field 'tresHold' near line");
        assertThatThrownBy(() -> DetectionRulesFile.parse("rules: [", LEVELS::contains))
                .hasMessageStartingWith("not a rules file");
    }

    private static AuditEvent failedLogin(String user, String ip, Instant at) {
        return new AuditEvent(UUID.randomUUID().toString(), at, "login.failure", "authentication",
                AuditEvent.Outcome.FAILURE, new AuditEvent.Actor(user, user), null,
                new AuditEvent.Source(ip, "test"), "bad password", null, null);
    }

    private static AuditEvent delivery(String user, String action, String level, Instant at, boolean success) {
        return new AuditEvent(UUID.randomUUID().toString(), at, action, "file",
                success ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                new AuditEvent.Actor(user, user), new AuditEvent.Target("file", "/公文/" + UUID.randomUUID(), level),
                null, null, null, null);
    }

    private static AuditEvent share(String level, String type) {
        return new AuditEvent(UUID.randomUUID().toString(), WORKDAY, "file.share.revoked", "file",
                AuditEvent.Outcome.SUCCESS, AuditEvent.Actor.SYSTEM,
                new AuditEvent.Target("file", "/公文/a.pdf", level), null, "not allowed", null,
                Map.of("type", type, "share", "7"));
    }
}
