package org.agencyworkspace.attendance;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Copies decisions made in the approvals registry (page, API, chat {@code !approve}) onto
 * attendance requests: the registry offers no decision callback and does not publish
 * {@code approval.decided} yet, so the decision is polled.
 */
@Component
public class AttendanceApprovalRoutes extends EndpointRouteBuilder {

    private final AttendanceProperties properties;
    private final AttendanceService attendance;

    public AttendanceApprovalRoutes(AttendanceProperties properties, AttendanceService attendance) {
        this.properties = properties;
        this.attendance = attendance;
    }

    @Override
    public void configure() {
        from(timer("attendance-approval-sync").period(properties.approvalSync().toMillis()))
                .routeId("attendance-approval-sync")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(attendance.syncDecisions()));
    }
}
