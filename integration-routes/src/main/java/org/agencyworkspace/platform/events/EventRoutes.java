package org.agencyworkspace.platform.events;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Moves domain events from the event log to the routes that consume {@code workspace-event:}
 * endpoints: poll the undispatched events in order, hand each to every subscriber, then mark it
 * dispatched. A crash between the two repeats the event (subscribers key on its id), never
 * loses it.
 */
@Component
public class EventRoutes extends EndpointRouteBuilder {

    private final EventProperties properties;
    private final EventLog log;
    private final EventDispatcher dispatcher;

    public EventRoutes(EventProperties properties, EventLog log, EventDispatcher dispatcher) {
        this.properties = properties;
        this.log = log;
        this.dispatcher = dispatcher;
    }

    @Override
    public void configure() {
        from(timer("domain-events").period(properties.pollInterval().toMillis()).delay(0))
                .routeId("domain-event-dispatch")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .setBody(exchange -> log.undispatched(properties.batchSize()))
                .split(body())
                    .process(exchange -> {
                        PublishedEvent event = exchange.getMessage().getBody(PublishedEvent.class);
                        dispatcher.dispatch(event);
                        log.markDispatched(event.id());
                    })
                .end();

        from(timer("domain-event-prune").period(3_600_000L).delay(60_000L))
                .routeId("domain-event-prune")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> log.prune(properties.retention()));
    }
}
