package org.agencyworkspace.reviews;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Works the guest mail queue: looks for due mail and sends each through
 * {@code direct:review-mail-send}; a mail given up is dead-lettered there, and replaying it from
 * the dead-letter store sends it again. Registered only when a mail server is configured
 * ({@code workspace.mail.host}); until then invitations wait in the queue.
 */
public class GuestMailRoutes extends EndpointRouteBuilder {

    static final String POLL_ROUTE = "review-mail-poll";
    static final String SEND_ROUTE = "review-mail-send";
    static final String SEND = "direct:review-mail-send";

    private final ReviewsProperties properties;
    private final GuestMail mail;

    public GuestMailRoutes(ReviewsProperties properties, GuestMail mail) {
        this.properties = properties;
        this.mail = mail;
    }

    @Override
    public void configure() {
        // The timer never overlaps itself, so each mail is attempted once per look.
        from(timer("review-mail").period(properties.mail().pollInterval().toMillis()).delay(0))
                .routeId(POLL_ROUTE)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(mail.due(100)))
                .split(body())
                    .to(SEND)
                .end();

        from(SEND)
                .routeId(SEND_ROUTE)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> mail.send(exchange.getMessage().getBody(String.class)));
    }
}
