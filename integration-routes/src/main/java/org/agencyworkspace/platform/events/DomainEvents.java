package org.agencyworkspace.platform.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Publishes the workspace's domain events: each is stored in the event log (inside the caller's
 * transaction, when there is one) and later delivered to every route that consumes
 * {@code workspace-event:<name>}. Publishing never waits for a subscriber, so a slow or failing
 * integration cannot hold back the workspace's own work.
 */
@Service
public class DomainEvents implements EventPublisher {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() { };

    private final EventLog log;
    private final ObjectMapper json;
    private final Clock clock;

    public DomainEvents(EventLog log, ObjectMapper json, Clock clock) {
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException when the payload's class has no {@link EventType} */
    @Override
    public String publish(DomainEvent payload, String actor) {
        Objects.requireNonNull(payload, "payload");
        EventType type = typeOf(payload.getClass());
        String id = UUID.randomUUID().toString();
        Map<String, Object> data = json.convertValue(payload, DATA);
        // The catalogue promises that a field with no value is left out, whatever the mapper does.
        data.values().removeIf(Objects::isNull);
        log.append(id, type.name(), type.version(), clock.instant(),
                actor == null ? "system" : actor, data);
        return id;
    }

    static EventType typeOf(Class<?> payloadClass) {
        EventType type = payloadClass.getAnnotation(EventType.class);
        if (type == null || !payloadClass.isRecord()) {
            throw new IllegalArgumentException(payloadClass.getName()
                    + " is not a domain event: a record annotated with @EventType");
        }
        return type;
    }
}
