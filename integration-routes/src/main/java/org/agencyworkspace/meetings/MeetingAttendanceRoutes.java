package org.agencyworkspace.meetings;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Asks the video service who is in the meetings that are running. */
@Component
public class MeetingAttendanceRoutes extends EndpointRouteBuilder {

    private final MeetingsProperties properties;
    private final MeetingAttendance attendance;

    public MeetingAttendanceRoutes(MeetingsProperties properties, MeetingAttendance attendance) {
        this.properties = properties;
        this.attendance = attendance;
    }

    @Override
    public void configure() {
        from(timer("meeting-attendance").period(properties.video().attendancePollInterval().toMillis()).delay(0))
                .routeId("meeting-attendance")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> attendance.sample());
    }
}
