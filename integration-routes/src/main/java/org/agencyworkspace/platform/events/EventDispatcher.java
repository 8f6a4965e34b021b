package org.agencyworkspace.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agencyworkspace.platform.deadletter.DeadLetterRecorder;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one stored event to every route consuming a matching {@code workspace-event:} endpoint,
 * each in its own exchange, one after the other. A subscriber's failure stays with that
 * subscriber: its own error handling dead-letters it, or, for a route without one, the failure is
 * dead-lettered here; either way the other subscribers still get the event and an operator can
 * replay it to the one that failed.
 */
public class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final WorkspaceEventComponent component;
    private final DeadLetterRecorder deadLetters;
    private final ObjectMapper json;

    public EventDispatcher(WorkspaceEventComponent component, DeadLetterRecorder deadLetters,
            ObjectMapper json) {
        this.component = component;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    /** Delivers {@code event}; returns how many subscribers received it. */
    public int dispatch(PublishedEvent event) {
        String body = envelope(event);
        int delivered = 0;
        for (WorkspaceEventComponent.Subscriber subscriber : component.subscribersOf(event.type())) {
            Exchange exchange = subscriber.consumer().createExchange(false);
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(WorkspaceEventComponent.ID, event.id());
            exchange.getMessage().setHeader(WorkspaceEventComponent.TYPE, event.type());
            exchange.getMessage().setHeader(WorkspaceEventComponent.VERSION, event.version());
            exchange.getMessage().setHeader(WorkspaceEventComponent.OCCURRED_AT,
                    event.occurredAt().toString());
            exchange.getMessage().setHeader(WorkspaceEventComponent.ACTOR, event.actor());
            exchange.getMessage().setHeader(WorkspaceEventComponent.SUBSCRIBER,
                    subscriber.routeId());
            try {
                subscriber.consumer().getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure != null
                    && exchange.getProperty(DeadLetterRecorder.DEAD_LETTERED_PROPERTY) == null) {
                // A route without the shared error handling: keep the event for a replay anyway.
                exchange.setException(null);
                exchange.setProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, failure);
                exchange.setProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, subscriber.routeId());
                exchange.getMessage().setBody(body);
                deadLetters.process(exchange);
            }
            if (failure == null
                    && exchange.getProperty(DeadLetterRecorder.DEAD_LETTERED_PROPERTY) == null) {
                delivered++;
            } else {
                LOG.debug("Route {} failed on event {} ({})", subscriber.routeId(), event.id(),
                        event.type());
            }
        }
        return delivered;
    }

    private String envelope(PublishedEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", event.id());
        envelope.put("type", event.type());
        envelope.put("version", event.version());
        envelope.put("occurredAt", event.occurredAt().toString());
        envelope.put("actor", event.actor());
        envelope.put("data", event.data());
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written as JSON", e);
        }
    }
}
