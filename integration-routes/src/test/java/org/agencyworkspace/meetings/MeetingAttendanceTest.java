package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.calendar.Invitation;
import org.agencyworkspace.connector.video.BigBlueButtonBackend;
import org.agencyworkspace.connector.video.Participant;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.connector.video.VideoMeeting;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.platform.RefusedException;
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

/**
 * Attendance and dial-in from BigBlueButton, against {@link FakeBigBlueButton} (built from the API
 * reference; no BigBlueButton server runs here): the voice bridge the server publishes is the PIN
 * invitees see; the people the server lists in a running meeting are recorded once each.
 */
class MeetingAttendanceTest {

    static final String SECRET = "test-secret-of-the-fake-bigbluebutton";

    final TestDatabase database = new TestDatabase();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final FakeBigBlueButton server = new FakeBigBlueButton(SECRET);
    final BigBlueButtonBackend backend = new BigBlueButtonBackend(URI.create("https://bbb.test/bigbluebutton/api/"),
            SECRET, BigBlueButtonBackend.Checksum.SHA256, server);
    Meetings meetings;
    MeetingAttendance attendance;
    MeetingInvitations invitations;

    @BeforeEach
    void setUp() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        for (String login : List.of("alice", "bob", "carol", "mallory")) {
            accounts.create(new LocalAccount(login, login, login, null, "{hash}", null, null, "secret",
                    List.of("staff"), List.of("it"), true, 0, null));
        }
        MeetingsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "workspace.meetings.video.backend", "bigbluebutton",
                "workspace.meetings.video.dial-in.sip-domain", "bbb.agency.test",
                "workspace.meetings.video.dial-in.number", "+886 2 2345 6789")))
                .bindOrCreate("workspace.meetings", MeetingsProperties.class);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("video", backend);
        JdbcStaffDirectory directory = new JdbcStaffDirectory(database.jdbc());
        meetings = new Meetings(database.jdbc(), directory, DefaultLevels.scheme(false), message -> "m", events,
                audit, clock, properties, beans.getBeanProvider(VideoBackend.class), TestWorkspaceProperties.defaults());
        attendance = new MeetingAttendance(database.jdbc(), meetings, beans.getBeanProvider(VideoBackend.class),
                properties, audit, events, clock);
        invitations = new MeetingInvitations(database.jdbc(), meetings, null, directory, audit, events, properties,
                clock);
    }

    Meeting schedule(String level) {
        return meetings.schedule(new Meetings.Request("週會", LocalDateTime.of(2026, 12, 8, 10, 0), 60,
                List.of("bob", "carol"), List.of(), null, level), "alice");
    }

    void joins(Meeting meeting, String login) {
        server.open(backend.joinLink(new VideoMeeting(meeting.id(), meeting.subject(), meeting.start(), meeting.end(),
                true), new Participant(login, login + " 名", null), meeting.organizer().equals(login)));
    }

    @Test
    void theVoiceBridgeTheServerPublishedIsInTheInvitationAndOnThePage() {
        Meeting meeting = schedule(null);

        assertThat(meetings.dialIn(meeting)).contains(
                new Meetings.DialIn("sip:70066@bbb.agency.test", "+886 2 2345 6789", "70066"));
        Invitation invitation = invitations.invitation(meeting);
        assertThat(invitation.description()).contains("SIP sip:70066@bbb.agency.test", "+886 2 2345 6789",
                "PIN 70066");
    }

    @Test
    void aClassifiedMeetingHasNoDialInAnywhere() {
        Meeting meeting = schedule("secret");

        assertThat(meetings.dialIn(meeting)).isEmpty();
        assertThat(invitations.invitation(meeting).description()).doesNotContain("70066", "sip:");
    }

    @Test
    void invitedPeopleTheServerListsAreRecordedOnceAndOthersNotAtAll() {
        Meeting meeting = schedule(null);
        clock.set(meeting.start().plus(Duration.ofMinutes(5)));
        joins(meeting, "alice");
        joins(meeting, "bob");
        server.joinWithoutLink(meeting.id(), "mallory", "Mallory");
        server.joinWithoutLink(meeting.id(), "", "Phone 0912");

        assertThat(attendance.sample()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(attendance.sample()).isZero();

        assertThat(attendance.present(meeting.id())).containsExactly("alice", "bob");
        assertThat(events.of(MeetingEvents.PresenceSeen.class)).extracting(MeetingEvents.PresenceSeen::login)
                .containsExactly("alice", "bob");
        assertThat(audit.actions()).filteredOn("meeting.present"::equals).hasSize(2);
        assertThat(database.jdbc().sql("SELECT last_seen FROM meeting_presence WHERE login = 'bob'")
                .query(java.time.OffsetDateTime.class).single().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void meetingsNotRunningOrCancelledAreNotAsked() {
        Meeting meeting = schedule(null);
        joins(meeting, "bob");

        assertThat(attendance.sample()).isZero();
        clock.set(meeting.end().plus(Duration.ofHours(1)));
        assertThat(attendance.sample()).isZero();
        clock.set(meeting.start());
        meetings.cancel(meeting.id(), "alice");
        assertThat(attendance.sample()).isZero();
        assertThat(attendance.present(meeting.id())).isEmpty();
    }

    @Test
    void anInviteeSignsInInTheRoomOnceWhileTheMeetingRunsAndNobodyElseCan() {
        Meeting meeting = schedule("secret");

        assertThatThrownBy(() -> attendance.checkIn(meeting.id(), "bob"))
                .as("before the early join").isInstanceOfSatisfying(MeetingRefusedException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.CONFLICT));
        clock.set(meeting.start().plus(Duration.ofMinutes(3)));
        assertThatThrownBy(() -> attendance.checkIn(meeting.id(), "mallory"))
                .as("not invited").isInstanceOfSatisfying(MeetingRefusedException.class,
                        refused -> assertThat(refused.kind()).isEqualTo(RefusedException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> attendance.checkIn("no-such-meeting", "bob"))
                .isInstanceOf(MeetingRefusedException.class);

        assertThat(attendance.checkIn(meeting.id(), "bob")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(attendance.checkIn(meeting.id(), "bob")).as("a second check-in is not a second record")
                .isFalse();

        assertThat(attendance.present(meeting.id())).containsExactly("bob");
        assertThat(events.of(MeetingEvents.PresenceSeen.class)).singleElement()
                .satisfies(seen -> assertThat(seen.login()).isEqualTo("bob"));
        assertThat(audit.events()).filteredOn(event -> event.action().equals("meeting.present")).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("backend", "room"));

        meetings.cancel(meeting.id(), "alice");
        assertThatThrownBy(() -> attendance.checkIn(meeting.id(), "carol"))
                .as("cancelled").isInstanceOf(MeetingRefusedException.class);
        assertThat(attendance.present(meeting.id())).containsExactly("bob");
    }
}
