package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Action items of the minutes become approval requests (when someone must decide) or tasks. */
class MeetingActionsTest {

    final TestDatabase database = new TestDatabase();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final List<OutgoingMessage> sent = new ArrayList<>();
    final Messenger messenger = message -> {
        sent.add(message);
        return "m" + sent.size();
    };
    final FileStore files = mock(FileStore.class);
    Meetings meetings;
    Approvals approvals;
    MeetingActions actions;

    @BeforeEach
    void setUp() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        for (String login : List.of("alice", "bob", "carol", "erin")) {
            accounts.create(new LocalAccount(login, login, login, null, "{hash}", null, null, "secret",
                    login.equals("erin") ? List.of("staff", "accounting") : List.of("staff"), List.of("it"),
                    true, 0, null));
        }
        MeetingsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("workspace.meetings", MeetingsProperties.class);
        JdbcStaffDirectory directory = new JdbcStaffDirectory(database.jdbc());
        meetings = new Meetings(database.jdbc(), directory, DefaultLevels.scheme(false), messenger, events, audit,
                clock, properties, new StaticListableBeanFactory().getBeanProvider(VideoBackend.class),
                TestWorkspaceProperties.defaults());
        approvals = new Approvals(database.jdbc(), directory, messenger, events, audit, clock,
                URI.create("https://workspace.test/"));
        actions = new MeetingActions(database.jdbc(), meetings, files, directory, approvals, messenger, audit,
                events, clock);
    }

    Meeting filed(String level, String table) {
        Meeting meeting = meetings.schedule(new Meetings.Request("採購會議", LocalDateTime.of(2026, 12, 8, 10, 0), 60,
                List.of("bob", "carol"), List.of(), null, level), "alice");
        database.jdbc().sql("UPDATE meeting SET minutes_path = :path WHERE id = :id")
                .param("path", "/會議/" + meeting.id() + "/會議紀錄.md").param("id", meeting.id()).update();
        minutes(table);
        sent.clear();
        return meeting;
    }

    void minutes(String table) {
        String text = "# 會議紀錄\n\n## 待辦事項 Action items\n\n| Item | Owner | Due | Decision by |\n|---|---|---|---|\n"
                + table;
        when(files.open(any())).thenAnswer(call -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    long rows() {
        return database.jdbc().sql("SELECT COUNT(*) FROM meeting_action").query(Long.class).single();
    }

    @Test
    void anItemNamingWhoDecidesBecomesAnApprovalRequestTheOthersTasks() {
        Meeting meeting = filed(null, """
                | 追加預算 Extra budget | bob | 2026-12-31 | accounting |
                | 通知廠商 | carol | | |
                """);

        MeetingActions.Sent result = actions.send(meeting.id(), "alice");

        assertThat(result).isEqualTo(new MeetingActions.Sent(1, 1, 0));
        assertThat(approvals.pendingFor("erin")).singleElement().satisfies(approval -> {
            assertThat(approval.kind()).isEqualTo("meeting-action");
            assertThat(approval.subject()).isEqualTo("採購會議：追加預算 Extra budget");
            assertThat(approval.requester()).isEqualTo("alice");
            assertThat(approval.link()).isEqualTo("/meetings/" + meeting.id());
            assertThat(approval.scope()).isEqualTo(Approval.Scope.AGENCY);
        });
        assertThat(sent).filteredOn(message -> message.templateKey().equals("meeting.action.task"))
                .singleElement().satisfies(message -> {
                    assertThat(message.recipient().toString()).contains("carol");
                    assertThat(message.parameters()).containsEntry("item", "採購會議：通知廠商").containsEntry("due", "-");
                });
        assertThat(actions.of(meeting.id())).extracting(MeetingActions.Action::owner, MeetingActions.Action::due)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bob", LocalDate.of(2026, 12, 31)),
                        org.assertj.core.groups.Tuple.tuple("carol", null));
        assertThat(events.of(MeetingEvents.ActionsSent.class)).singleElement()
                .isEqualTo(new MeetingEvents.ActionsSent(meeting.id(), 1, 1, 0, "alice"));
        assertThat(audit.actions()).contains("meeting.actions");
    }

    @Test
    void sendingAgainSendsOnlyTheItemsAddedSince() {
        Meeting meeting = filed(null, "| 通知廠商 | carol | | |\n");
        actions.send(meeting.id(), "alice");
        minutes("| 通知廠商 | carol | | |\n| 更新規格 | bob | 2027-01-05 | |\n");

        assertThat(actions.send(meeting.id(), "alice")).isEqualTo(new MeetingActions.Sent(0, 1, 1));
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void oneBadRowRefusesTheWholeSendingNamingEveryProblem() {
        Meeting meeting = filed(null, """
                | 追加預算 | bob | 2026-12-31 | accounting |
                | 通知廠商 | mallory | tomorrow | |
                | 更新規格 | carol | | no-such-role |
                """);

        assertThatThrownBy(() -> database.transactions().executeWithoutResult(status -> actions.send(meeting.id(), "alice")))
                .isInstanceOfSatisfying(MeetingRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RefusedException.Kind.INVALID);
                    assertThat(e.problems()).containsExactly(
                            "action item 2: owner 'mallory' is not a person in the directory",
                            "action item 2: due 'tomorrow' is not a date (yyyy-MM-dd)",
                            "action item 3: 'no-such-role' is not a role or department that can decide");
                });
        assertThat(rows()).isZero();
        assertThat(approvals.pendingFor("erin")).isEmpty();
        assertThat(events.of(MeetingEvents.ActionsSent.class)).isEmpty();
    }

    @Test
    void onlyTheOrganiserSendsAndOnlyOnceTheMinutesAreFiled() {
        Meeting meeting = filed(null, "| 通知廠商 | carol | | |\n");

        assertThatThrownBy(() -> actions.send(meeting.id(), "bob")).isInstanceOfSatisfying(
                MeetingRefusedException.class, e -> assertThat(e.kind()).isEqualTo(RefusedException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> actions.send(meeting.id(), "erin")).isInstanceOfSatisfying(
                MeetingRefusedException.class, e -> assertThat(e.kind()).isEqualTo(RefusedException.Kind.NOT_FOUND));
        database.jdbc().sql("UPDATE meeting SET minutes_path = NULL").update();
        assertThatThrownBy(() -> actions.send(meeting.id(), "alice")).isInstanceOfSatisfying(
                MeetingRefusedException.class, e -> assertThat(e.kind()).isEqualTo(RefusedException.Kind.CONFLICT));
        assertThat(rows()).isZero();
    }

    @Test
    void aClassifiedMeetingsItemTextNeverLeavesInARequestOrNotice() {
        Meeting meeting = filed("secret", """
                | 機密採購底價 | bob | | accounting |
                | 機密廠商名單 | carol | | |
                """);

        actions.send(meeting.id(), "alice");

        assertThat(approvals.pendingFor("erin")).singleElement()
                .satisfies(approval -> assertThat(approval.subject()).doesNotContain("機密", "採購會議")
                        .contains(meeting.id()));
        assertThat(sent).allSatisfy(message -> assertThat(message.parameters().values())
                .noneMatch(value -> value.contains("機密")));
        assertThat(actions.of(meeting.id())).extracting(MeetingActions.Action::item).contains("機密廠商名單");
    }
}
