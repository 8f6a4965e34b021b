package org.agencyworkspace.attendance.calendar;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Picks up an edited calendar file within a minute; a malformed edit is refused and audited. */
@Component
public class AttendanceCalendarRoutes extends EndpointRouteBuilder {

    private final WorkCalendarSource calendars;

    public AttendanceCalendarRoutes(WorkCalendarSource calendars) {
        this.calendars = calendars;
    }

    @Override
    public void configure() {
        from(timer("attendance-calendar-reload").period(60_000))
                .routeId("attendance-calendar-reload")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> calendars.reloadIfChanged());
    }
}
