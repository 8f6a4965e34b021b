package org.agencyworkspace.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventPublisher;

/** Keeps published domain events in memory for assertions. */
public final class RecordingEventPublisher implements EventPublisher {

    /** One published event and who caused it. */
    public record Published(DomainEvent payload, String actor) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public String publish(DomainEvent payload, String actor) {
        published.add(new Published(payload, actor));
        return "event-" + published.size();
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    /** The payloads of one type, in publishing order. */
    public <T extends DomainEvent> List<T> of(Class<T> type) {
        return published.stream().map(Published::payload).filter(type::isInstance).map(type::cast)
                .toList();
    }
}
