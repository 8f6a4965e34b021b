package org.agencyworkspace.attendance;

import java.util.Map;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Copies decisions made in the approvals registry (page, API, chat {@code !approve}) onto
 * attendance requests as they are published ({@code approval.decided}); pages and the export copy
 * them too before showing records, so nothing waits for the dispatch.
 */
@Component
public class AttendanceApprovalRoutes extends EndpointRouteBuilder {

    private final AttendanceService attendance;

    public AttendanceApprovalRoutes(AttendanceService attendance) {
        this.attendance = attendance;
    }

    @Override
    public void configure() {
        from("workspace-event:approval.decided")
                .routeId("attendance-approval-decided")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .filter(simple("${body[data][kind]} starts with 'attendance-'"))
                .process(exchange -> exchange.getMessage().setBody(attendance.syncDecisions()));
    }
}
