package org.agencyworkspace.meetings;

import java.time.Clock;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.calendar.CalDavClient;
import org.agencyworkspace.connector.calendar.CalDavClientBuilder;
import org.agencyworkspace.connector.video.BigBlueButtonBackend;
import org.agencyworkspace.connector.video.JitsiBackend;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the calendar client and the configured video backend once, and registers the
 * configured rooms so bookings can lock them.
 */
@Configuration(proxyBeanMethods = false)
public class MeetingsConfiguration {

    @Bean
    @ConditionalOnExpression("'${workspace.meetings.caldav.url:}' != ''")
    CalDavClient meetingsCalDavClient(MeetingsProperties properties, Clock clock) {
        MeetingsProperties.CalDav caldav = properties.caldav();
        return new CalDavClientBuilder().baseUrl(caldav.url())
                .credentials(caldav.username(), caldav.password())
                .calendarPath(caldav.calendarPath()).clock(clock).build();
    }

    @Bean
    @ConditionalOnExpression("'${workspace.meetings.caldav.url:}' != ''")
    MeetingInvitations meetingInvitations(JdbcClient jdbc, Meetings meetings, CalDavClient calendar,
            StaffDirectory directory, AuditTrail audit, EventPublisher events,
            MeetingsProperties properties, Clock clock) {
        return new MeetingInvitations(jdbc, meetings, calendar, directory, audit, events, properties, clock);
    }

    @Bean
    @ConditionalOnExpression("'${workspace.meetings.caldav.url:}' != ''")
    MeetingInvitationRoutes meetingInvitationRoutes(MeetingsProperties properties,
            MeetingInvitations invitations) {
        return new MeetingInvitationRoutes(properties, invitations);
    }

    @Bean
    @ConditionalOnExpression("'${workspace.meetings.video.backend:none}' != 'none'")
    VideoBackend meetingsVideoBackend(MeetingsProperties properties) {
        MeetingsProperties.Video video = properties.video();
        if (video.url() == null || video.secret() == null || video.secret().isBlank()) {
            throw new IllegalStateException("workspace.meetings.video.url and .secret required for "
                    + video.backend());
        }
        return switch (video.backend()) {
            case JITSI -> new JitsiBackend(video.url(), video.appId(), video.secret(),
                    video.earlyJoin(), video.grace());
            case BIGBLUEBUTTON -> {
                HttpExchanger http = new HttpExchanger("bigbluebutton",
                        java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(10));
                yield new BigBlueButtonBackend(video.url(), video.secret(),
                        video.checksum() == MeetingsProperties.Video.Checksum.SHA1
                                ? BigBlueButtonBackend.Checksum.SHA1 : BigBlueButtonBackend.Checksum.SHA256,
                        uri -> http.send(http.request(uri).GET().build()));
            }
            case NONE -> throw new IllegalStateException("unreachable: backend none");
        };
    }

    @Bean
    MeetingRoomRegistration meetingRoomRegistration(JdbcClient jdbc, MeetingsProperties properties) {
        for (MeetingsProperties.Room room : properties.rooms()) {
            try {
                jdbc.sql("INSERT INTO meeting_room (id, name) VALUES (:id, :name)")
                        .param("id", room.id()).param("name", room.name()).update();
            } catch (DuplicateKeyException exists) {
                jdbc.sql("UPDATE meeting_room SET name = :name WHERE id = :id")
                        .param("id", room.id()).param("name", room.name()).update();
            }
        }
        return new MeetingRoomRegistration(properties.rooms().size());
    }

    /** Marker that the configured rooms are in the database; the count is for the log. */
    record MeetingRoomRegistration(int rooms) {
    }
}
