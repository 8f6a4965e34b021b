package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.video.Participant;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.connector.video.VideoMeeting;
import org.agencyworkspace.connector.video.VideoRoom;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The video room opened for a meeting never outlives a scheduling that did not commit. */
class MeetingVideoRoomTest {

    final TestDatabase database = new TestDatabase();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
    final List<String> opened = new ArrayList<>();
    final List<String> ended = new ArrayList<>();
    final VideoBackend video = new VideoBackend() {
        @Override
        public String name() {
            return "recording";
        }

        @Override
        public VideoRoom open(VideoMeeting meeting) {
            opened.add(meeting.id());
            return new VideoRoom("recording", meeting.id(), URI.create("https://video.test/" + meeting.id()));
        }

        @Override
        public URI joinLink(VideoMeeting meeting, Participant participant, boolean moderator) {
            return URI.create("https://video.test/" + meeting.id());
        }

        @Override
        public List<Participant> participants(VideoMeeting meeting) {
            return List.of();
        }

        @Override
        public void end(VideoMeeting meeting) {
            ended.add(meeting.id());
        }
    };

    @BeforeEach
    void people() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        for (String login : List.of("alice", "bob")) {
            accounts.create(new LocalAccount(login, login, login, null, "{hash}", null, null, "unmarked",
                    List.of("staff"), List.of("it"), true, 0, null));
        }
    }

    Meetings meetings(Messenger messenger) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("video", video);
        MeetingsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("workspace.meetings", MeetingsProperties.class);
        return new Meetings(database.jdbc(), new JdbcStaffDirectory(database.jdbc()), DefaultLevels.scheme(false),
                messenger, new RecordingEventPublisher(), new RecordingAuditTrail(), clock, properties,
                beans.getBeanProvider(VideoBackend.class), TestWorkspaceProperties.defaults());
    }

    Meeting schedule(Meetings meetings) {
        return database.transactions().execute(status -> meetings.schedule(new Meetings.Request("週會",
                LocalDateTime.of(2026, 12, 8, 10, 0), 60, List.of("bob"), List.of(), null, null), "alice"));
    }

    @Test
    void aSchedulingThatFailsAfterTheRoomWasOpenedEndsTheRoomAndStoresNothing() {
        Meetings failing = meetings(message -> {
            throw new IllegalStateException("outbox unavailable");
        });

        assertThatThrownBy(() -> schedule(failing)).hasMessageContaining("outbox unavailable");

        assertThat(opened).hasSize(1);
        assertThat(ended).isEqualTo(opened);
        assertThat(database.jdbc().sql("SELECT COUNT(*) FROM meeting").query(Long.class).single()).isZero();
    }

    @Test
    void aCommittedMeetingKeepsItsRoomOpen() {
        Meeting meeting = schedule(meetings(message -> "message-1"));

        assertThat(opened).containsExactly(meeting.id());
        assertThat(ended).isEmpty();
    }
}
