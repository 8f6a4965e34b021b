package org.agencyworkspace.platform.messaging;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Moves messages from the outbox to the delivery channel, one exchange per message. */
@Component
public class MessageDeliveryRoutes extends EndpointRouteBuilder {

    /** Replayable entry point: the body is an outbox message id. */
    public static final String DELIVER = "direct:deliver-message";
    /** Id of the route that delivers one message. */
    public static final String DELIVERY_ROUTE_ID = "message-delivery";

    private final MessagingProperties properties;
    private final MessageOutbox outbox;
    private final MessageDelivery delivery;

    public MessageDeliveryRoutes(MessagingProperties properties, MessageOutbox outbox, MessageDelivery delivery) {
        this.properties = properties;
        this.outbox = outbox;
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        // Polls the outbox; the timer never overlaps itself, so a message is picked once per look.
        from(timer("message-outbox").period(properties.pollInterval().toMillis()).delay(0))
                .routeId("message-outbox-poll")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(outbox.pendingIds(properties.batchSize())))
                .split(body())
                    .to(DELIVER)
                .end();

        // Delivers one message; failures are retried, then dead-lettered with the message id.
        from(DELIVER)
                .routeId(DELIVERY_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> delivery.deliver(exchange.getMessage().getBody(String.class)));
    }
}
