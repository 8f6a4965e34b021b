package org.agencyworkspace.meetings;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Reminds attendees shortly before a meeting starts (chat room and each person). */
@Component
public class MeetingReminderRoutes extends EndpointRouteBuilder {

    private final MeetingsProperties properties;
    private final Meetings meetings;

    public MeetingReminderRoutes(MeetingsProperties properties, Meetings meetings) {
        this.properties = properties;
        this.meetings = meetings;
    }

    @Override
    public void configure() {
        from(timer("meeting-reminders").period(properties.reminderPollInterval().toMillis()).delay(0))
                .routeId("meeting-reminders")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> meetings.remindDue());
    }
}
