package org.agencyworkspace.meetings;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Works the invitation queue: looks for due invitations and delivers each to its attendee's
 * CalDAV calendar. Registered only when a CalDAV server is configured; until then invitations
 * wait in the queue.
 */
public class MeetingInvitationRoutes extends EndpointRouteBuilder {

    static final String ROUTE_ID = "meeting-invitations";

    private final MeetingsProperties properties;
    private final MeetingInvitations invitations;

    public MeetingInvitationRoutes(MeetingsProperties properties, MeetingInvitations invitations) {
        this.properties = properties;
        this.invitations = invitations;
    }

    @Override
    public void configure() {
        // The timer never overlaps itself, so an invitation is attempted once per look.
        from(timer("meeting-invitations").period(properties.delivery().pollInterval().toMillis()).delay(0))
                .routeId(ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(invitations.due(200)))
                .split(body())
                    .process(exchange -> invitations.deliver(
                            exchange.getMessage().getBody(MeetingInvitations.Due.class)))
                .end();
    }
}
