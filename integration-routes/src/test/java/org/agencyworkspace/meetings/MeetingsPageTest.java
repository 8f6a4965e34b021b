package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.WorkspacePrincipal;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.security.stepup.StepUpGate;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Moving and cancelling from the meeting's page: the organiser's change does what the API's does
 * (next SEQUENCE queued for every calendar, notices, audit, event); an attendee is refused and a
 * stranger gets a 404, both audited, and the meeting stays as it was.
 */
class MeetingsPageTest {

    final TestDatabase database = new TestDatabase();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final List<OutgoingMessage> sent = new ArrayList<>();
    Meetings meetings;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        for (String login : List.of("alice", "bob", "carol")) {
            accounts.create(new LocalAccount(login, login, login, null, "{hash}", null, null, "unmarked",
                    List.of("staff"), List.of("it"), true, 0, null));
        }
        MeetingsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("workspace.meetings", MeetingsProperties.class);
        JdbcStaffDirectory directory = new JdbcStaffDirectory(database.jdbc());
        meetings = new Meetings(database.jdbc(), directory, DefaultLevels.scheme(false), message -> {
            sent.add(message);
            return "m" + sent.size();
        }, events, audit, clock, properties, new StaticListableBeanFactory().getBeanProvider(VideoBackend.class),
                TestWorkspaceProperties.defaults());
        mvc = MockMvcBuilders.standaloneSetup(new MeetingsPageController(meetings,
                new StaticListableBeanFactory().getBeanProvider(VideoBackend.class), mock(StepUpGate.class),
                directory, audit, events, new MeetingRefusals(audit), mock(MeetingActions.class),
                new MeetingAttendance(database.jdbc(), meetings,
                        new StaticListableBeanFactory().getBeanProvider(VideoBackend.class), properties, audit,
                        events, clock))).build();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(String login) {
        WorkspaceUser user = new WorkspaceUser(login, login, List.of("staff"), List.of("it"), "unmarked");
        WorkspacePrincipal principal = () -> user;
        TestingAuthenticationToken token = new TestingAuthenticationToken(principal, null, Authorities.WORKSPACE_USER);
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    Meeting scheduled() {
        return meetings.schedule(new Meetings.Request("週會", LocalDateTime.of(2026, 12, 8, 10, 0), 60,
                List.of("bob"), List.of(), null, null), "alice");
    }

    @Test
    void theOrganiserMovesTheMeetingFromThePageAsTheApiWould() throws Exception {
        Meeting meeting = scheduled();
        sent.clear();
        signIn("alice");

        mvc.perform(post("/meetings/" + meeting.id() + "/move").param("start", "2026-12-08T11:00")
                        .param("durationMinutes", "90"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/meetings/" + meeting.id()))
                .andExpect(flash().attributeCount(0));

        Meeting moved = meetings.find(meeting.id()).orElseThrow();
        assertThat(moved.start()).isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
        assertThat(moved.end()).isEqualTo(Instant.parse("2026-12-08T04:30:00Z"));
        assertThat(moved.sequence()).isEqualTo(1);
        assertThat(database.jdbc().sql("SELECT COUNT(*) FROM meeting_invitation WHERE meeting_id = :id"
                + " AND sequence = 1 AND status = 'PENDING'").param("id", meeting.id()).query(Long.class).single())
                .isEqualTo(2);
        assertThat(sent).extracting(OutgoingMessage::templateKey).containsOnly("meeting.moved").hasSize(3);
        assertThat(events.of(MeetingEvents.Moved.class)).singleElement()
                .satisfies(event -> assertThat(event.movedBy()).isEqualTo("alice"));
        assertThat(audit.events()).filteredOn(event -> event.action().equals("meeting.move"))
                .singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));
    }

    @Test
    void anInviteeSignsInFromThePageWhileItRunsAndAStrangerCannot() throws Exception {
        Meeting meeting = scheduled();
        clock.set(meeting.start().plusSeconds(120));
        signIn("carol");
        mvc.perform(post("/meetings/" + meeting.id() + "/check-in")).andExpect(status().isNotFound());
        signIn("bob");

        mvc.perform(post("/meetings/" + meeting.id() + "/check-in"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("checkedIn", true));

        assertThat(events.of(MeetingEvents.PresenceSeen.class)).extracting(MeetingEvents.PresenceSeen::login)
                .containsExactly("bob");
        assertThat(audit.actions()).contains("meeting.present");
        assertThat(audit.events()).filteredOn(event -> event.action().equals("meeting.check-in"))
                .as("the stranger's attempt").hasSize(1);
    }

    @Test
    void theOrganiserCancelsFromThePage() throws Exception {
        Meeting meeting = scheduled();
        signIn("alice");

        mvc.perform(post("/meetings/" + meeting.id() + "/cancel")).andExpect(status().is3xxRedirection());

        assertThat(meetings.find(meeting.id()).orElseThrow().status()).isEqualTo(Meeting.Status.CANCELLED);
        assertThat(events.of(MeetingEvents.Cancelled.class)).hasSize(1);
        assertThat(sent).extracting(OutgoingMessage::templateKey).contains("meeting.cancelled");
        assertThat(audit.actions()).contains("meeting.cancel");
    }

    @Test
    void anAttendeeIsRefusedAStrangerSeesNothingAndBothAreAudited() throws Exception {
        Meeting meeting = scheduled();
        signIn("bob");
        mvc.perform(post("/meetings/" + meeting.id() + "/cancel"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("error"));
        mvc.perform(post("/meetings/" + meeting.id() + "/move").param("start", "2026-12-08T11:00"))
                .andExpect(flash().attributeExists("error"));
        signIn("carol");
        mvc.perform(post("/meetings/" + meeting.id() + "/cancel")).andExpect(status().isNotFound());

        assertThat(meetings.find(meeting.id()).orElseThrow()).isEqualTo(meeting);
        assertThat(events.of(MeetingEvents.Cancelled.class)).isEmpty();
        assertThat(events.of(MeetingEvents.Moved.class)).isEmpty();
        assertThat(audit.events()).filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE)
                .extracting(event -> event.action() + " " + event.actor().id())
                .containsExactly("meeting.cancel bob", "meeting.move bob", "meeting.cancel carol");
    }

    @Test
    void aMoveIntoThePastIsRefusedOnThePage() throws Exception {
        Meeting meeting = scheduled();
        signIn("alice");
        clock.set(Instant.parse("2026-12-07T05:00:00Z"));

        mvc.perform(post("/meetings/" + meeting.id() + "/move").param("start", "2026-12-07T12:00"))
                .andExpect(flash().attribute("error", "the start 2026-12-07T12:00 is in the past"));

        assertThat(meetings.find(meeting.id()).orElseThrow().sequence()).isZero();
    }
}
