package org.agencyworkspace.meetings;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Files the minutes of meetings that have ended. */
@Component
public class MeetingMinutesRoutes extends EndpointRouteBuilder {

    private final MeetingsProperties properties;
    private final MeetingMinutes minutes;

    public MeetingMinutesRoutes(MeetingsProperties properties, MeetingMinutes minutes) {
        this.properties = properties;
        this.minutes = minutes;
    }

    @Override
    public void configure() {
        from(timer("meeting-minutes").period(properties.reminderPollInterval().toMillis()).delay(0))
                .routeId("meeting-minutes")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> minutes.fileDue());
    }
}
