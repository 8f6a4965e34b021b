package org.agencyworkspace.files.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    static final ClassificationScheme SCHEME = DefaultLevels.scheme(true);
    final AccessPolicy policy = new AccessPolicy(SCHEME);

    /**
     * Every combination of reader, label and action (18,900 of them): nobody below a file's level
     * gets any of its content, nobody outside those who need to know does when the label names
     * them, and classified content always asks for a step-up.
     */
    @Test
    void nobodyBelowTheLevelGetsAnyContentOut() {
        int checked = 0;
        for (WorkspaceUser user : everyone()) {
            for (Label label : everyLabel()) {
                for (FileAction action : FileAction.values()) {
                    AccessDecision decision = policy.decide(user, label, action);
                    boolean content = action != FileAction.PUBLIC_LINK
                            && action != FileAction.EXTERNAL_SHARE;
                    String reading = user + " " + label + " " + action + " -> " + decision;
                    if (content && SCHEME.rank(user.clearance()) < SCHEME.rank(label.level())) {
                        assertThat(decision.allowed()).as(reading).isFalse();
                    }
                    if (content && decision.allowed() && label.namesReaders()) {
                        assertThat(user.login().equals(label.classifiedBy())
                                || label.readers().contains(user.login())
                                || user.departments().stream().anyMatch(label.groups()::contains))
                                .as(reading).isTrue();
                    }
                    if (content && decision.allowed() && !label.level().equals("unmarked")) {
                        assertThat(decision.stepUpRequired()).as(reading).isTrue();
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(18_900);
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

    private static List<WorkspaceUser> everyone() {
        List<WorkspaceUser> people = new ArrayList<>();
        for (String login : List.of("amy", "bob", "cat")) {
            for (String clearance : DefaultLevels.CLEARANCES) {
                for (String department : List.of("it", "personnel")) {
                    people.add(user(login, clearance, department));
                }
            }
        }
        return people;
    }

    private static List<Label> everyLabel() {
        List<List<String>> readerSets = List.of(List.of(), List.of("amy"), List.of("bob"),
                List.of("cat"), List.of("amy", "bob"), List.of("amy", "cat"), List.of("bob", "cat"));
        List<List<String>> groupSets = List.of(List.of(), List.of("it"), List.of("personnel"));
        List<Label> labels = new ArrayList<>();
        for (String level : DefaultLevels.CLEARANCES) {
            for (List<String> readers : readerSets) {
                for (List<String> groups : groupSets) {
                    labels.add(label(level, readers, groups));
                }
            }
        }
        return labels;
    }

    static Label label(String level, List<String> readers, List<String> groups) {
        return new Label(level, "matter", "cat", Instant.parse("2026-11-26T00:00:00Z"), null,
                LocalDate.parse("2030-01-01"), null, false, null, readers, groups);
    }

    static WorkspaceUser user(String login, String clearance, String department) {
        return new WorkspaceUser(login, login, List.of("staff"), List.of(department), clearance);
    }
}
