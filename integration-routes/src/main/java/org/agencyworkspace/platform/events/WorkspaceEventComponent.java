package org.agencyworkspace.platform.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * The {@code workspace-event:<pattern>} endpoint: a route that starts {@code from} it receives
 * every domain event whose name matches, one exchange per event, with the event as a map body
 * ({@code id}, {@code type}, {@code version}, {@code occurredAt}, {@code actor}, {@code data})
 * and the same facts as {@code WorkspaceEvent*} headers. Several routes may consume the same
 * pattern; each gets every event.
 *
 * <p>Sending to the endpoint redelivers an event to one subscriber only, the route named by the
 * {@code WorkspaceEventSubscriber} header: that is how the dead-letter store replays an event a
 * route failed on without repeating it for the others.
 */
public class WorkspaceEventComponent extends DefaultComponent {

    /** The scheme routes use. */
    public static final String SCHEME = "workspace-event";
    public static final String ID = "WorkspaceEventId";
    public static final String TYPE = "WorkspaceEventType";
    public static final String VERSION = "WorkspaceEventVersion";
    public static final String OCCURRED_AT = "WorkspaceEventOccurredAt";
    public static final String ACTOR = "WorkspaceEventActor";
    public static final String SUBSCRIBER = "WorkspaceEventSubscriber";

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** A running consumer: the route it starts and what it listens to. */
    public record Subscriber(String routeId, EventPattern pattern, DefaultConsumer consumer) {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new WorkspaceEventEndpoint(uri, this, new EventPattern(remaining));
    }

    /** The running consumers whose pattern matches {@code eventType}. */
    public List<Subscriber> subscribersOf(String eventType) {
        return subscribers.stream().filter(s -> s.pattern().matches(eventType)).toList();
    }

    /** Endpoint of one pattern. */
    static final class WorkspaceEventEndpoint extends DefaultEndpoint
            implements MultipleConsumersSupport {
        private final EventPattern pattern;

        WorkspaceEventEndpoint(String uri, WorkspaceEventComponent component, EventPattern pattern) {
            super(uri, component);
            this.pattern = pattern;
        }

        @Override
        public WorkspaceEventComponent getComponent() {
            return (WorkspaceEventComponent) super.getComponent();
        }

        @Override
        public boolean isMultipleConsumersSupported() {
            return true;
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            return new DefaultConsumer(this, processor) {
                private Subscriber subscriber;

                @Override
                protected void doStart() throws Exception {
                    super.doStart();
                    subscriber = new Subscriber(getRouteId(), pattern, this);
                    getComponent().subscribers.add(subscriber);
                }

                @Override
                protected void doStop() throws Exception {
                    getComponent().subscribers.remove(subscriber);
                    super.doStop();
                }
            };
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) throws Exception {
                    String routeId = exchange.getMessage().getHeader(SUBSCRIBER, String.class);
                    Subscriber target = getComponent().subscribers.stream()
                            .filter(s -> s.routeId().equals(routeId)
                                    && s.pattern().equals(pattern))
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "no running route " + routeId + " consumes " + getEndpointUri()
                                            + "; a redelivery names its route in the "
                                            + SUBSCRIBER + " header"));
                    target.consumer().getProcessor().process(exchange);
                }
            };
        }
    }
}
