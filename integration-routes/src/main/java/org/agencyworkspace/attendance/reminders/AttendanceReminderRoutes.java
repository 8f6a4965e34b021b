package org.agencyworkspace.attendance.reminders;

import org.agencyworkspace.attendance.AttendanceProperties;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Looks for missing clock-ins and clock-outs on a period and reminds people, once each. */
@Component
public class AttendanceReminderRoutes extends EndpointRouteBuilder {

    private final AttendanceProperties properties;
    private final AttendanceReminders reminders;

    public AttendanceReminderRoutes(AttendanceProperties properties, AttendanceReminders reminders) {
        this.properties = properties;
        this.reminders = reminders;
    }

    @Override
    public void configure() {
        from(timer("attendance-reminders").period(properties.reminders().interval().toMillis()))
                .routeId("attendance-reminders")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .autoStartup(properties.reminders().enabled())
                .process(exchange -> exchange.getMessage().setBody(reminders.run()));
    }
}
