package org.agencyworkspace.files.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    static final ClassificationScheme SCHEME = DefaultLevels.scheme(true);
    final AccessPolicy policy = new AccessPolicy(SCHEME);

    @Property(tries = 2000)
    void nobodyBelowTheLevelGetsAnyContentOut(@ForAll("people") WorkspaceUser user,
            @ForAll("labels") Label label, @ForAll FileAction action) {
        AccessDecision decision = policy.decide(user, label, action);
        boolean contentAction = action != FileAction.PUBLIC_LINK && action != FileAction.EXTERNAL_SHARE;
        if (contentAction && SCHEME.rank(user.clearance()) < SCHEME.rank(label.level())) {
            assertThat(decision.allowed()).as(decision.toString()).isFalse();
        }
        if (contentAction && decision.allowed() && label.namesReaders()) {
            assertThat(user.login().equals(label.classifiedBy()) || label.readers().contains(user.login())
                    || user.departments().stream().anyMatch(label.groups()::contains)).isTrue();
        }
        if (decision.allowed() && contentAction && !label.level().equals("unmarked")) {
            assertThat(decision.stepUpRequired()).isTrue();
        }
    }

    @Test
    void secretFilesAreReadAndDownloadedAfterStepUpButNeverLinkedPublicly() {
        Label secret = label("secret", List.of(), List.of());
        WorkspaceUser cleared = user("amy", "secret", "it");

        assertThat(policy.decide(cleared, secret, FileAction.DOWNLOAD))
                .isEqualTo(new AccessDecision(true, null, true));
        assertThat(policy.decide(cleared, secret, FileAction.PUBLIC_LINK).reason())
                .isEqualTo("密 files may not have public links");
        assertThat(policy.decide(cleared, secret, FileAction.EXTERNAL_SHARE).allowed()).isFalse();
        assertThat(policy.decide(user("bob", "unmarked", "it"), secret, FileAction.READ).reason())
                .isEqualTo("clearance unmarked is below 密 (secret)");
    }

    @Test
    void absolutelySecretFilesMayBeReadByTheNamedButNeverLeaveOrBeCopied() {
        Label top = label("absolutely-secret", List.of("amy"), List.of());
        WorkspaceUser amy = user("amy", "absolutely-secret", "it");

        assertThat(policy.decide(amy, top, FileAction.READ).allowed()).isTrue();
        assertThat(policy.decide(amy, top, FileAction.DOWNLOAD).reason()).isEqualTo("絕對機密 files may not be downloaded");
        assertThat(policy.decide(amy, top, FileAction.COPY).allowed()).isFalse();
        assertThat(policy.decide(user("dan", "absolutely-secret", "it"), top, FileAction.READ).reason())
                .isEqualTo("not among the people who need to know this file");
    }

    @Test
    void aGroupThatNeedsToKnowLetsItsMembersIn() {
        Label confidential = label("confidential", List.of(), List.of("personnel"));
        assertThat(policy.decide(user("dan", "confidential", "personnel"), confidential, FileAction.READ)
                .allowed()).isTrue();
        assertThat(policy.decide(user("eve", "top-secret", "it"), confidential, FileAction.READ)
                .allowed()).isFalse();
    }

    @Test
    void unknownLevelsAndClearancesAreRefused() {
        assertThat(policy.decide(user("amy", "absolutely-secret", "it"),
                label("cosmic", List.of(), List.of()), FileAction.READ).reason())
                .isEqualTo("the file's classification 'cosmic' is not known here");
        assertThat(policy.decide(user("amy", "galactic", "it"), label("secret", List.of(), List.of()),
                FileAction.READ).allowed()).isFalse();
        assertThat(policy.decide(null, null, FileAction.READ).allowed()).isFalse();
        assertThat(policy.decide(user("amy", "unmarked", "it"), null, FileAction.DOWNLOAD))
                .isEqualTo(new AccessDecision(true, null, false));
    }

    @Provide
    Arbitrary<WorkspaceUser> people() {
        return Combinators.combine(Arbitraries.of("amy", "bob", "cat"),
                        Arbitraries.of(DefaultLevels.CLEARANCES), Arbitraries.of("it", "personnel"))
                .as(AccessPolicyTest::user);
    }

    @Provide
    Arbitrary<Label> labels() {
        return Combinators.combine(Arbitraries.of(DefaultLevels.CLEARANCES),
                        Arbitraries.of("amy", "bob", "cat").list().ofMaxSize(2),
                        Arbitraries.of("it", "personnel").list().ofMaxSize(1))
                .as(AccessPolicyTest::label);
    }

    static Label label(String level, List<String> readers, List<String> groups) {
        return new Label(level, "matter", "cat", Instant.parse("2026-11-26T00:00:00Z"), null,
                LocalDate.parse("2030-01-01"), null, false, null, readers, groups);
    }

    static WorkspaceUser user(String login, String clearance, String department) {
        return new WorkspaceUser(login, login, List.of("staff"), List.of(department), clearance);
    }
}
