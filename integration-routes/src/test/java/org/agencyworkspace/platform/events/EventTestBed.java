package org.agencyworkspace.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.util.List;
import org.agencyworkspace.platform.deadletter.DeadLetterRecorder;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.support.TestDatabase;

/**
 * The event log, publisher, dead-letter store and {@code workspace-event} component over a fresh
 * database, wired as the application wires them, for tests of routes that consume events.
 */
public final class EventTestBed {

    /** Serialises as Spring Boot's mapper does here: ISO dates, no null fields. */
    public final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    public final TestDatabase database = new TestDatabase();
    public final EventLog log = new EventLog(database.jdbc(), json, Clock.systemUTC());
    public final DomainEvents events = new DomainEvents(log, json, Clock.systemUTC());
    public final DeadLetterStore deadLetters = new DeadLetterStore(database.jdbc(), json, Clock.systemUTC());
    public final DeadLetterRecorder recorder = new DeadLetterRecorder(deadLetters, List.of());
    public final WorkspaceEventComponent component = new WorkspaceEventComponent();
    public final EventDispatcher dispatcher = new EventDispatcher(component, recorder, json);

    /** Hands every undispatched event to its subscribers and marks it, as the dispatch route does. */
    public void dispatchAll() {
        for (PublishedEvent event : log.undispatched(100)) {
            dispatcher.dispatch(event);
            log.markDispatched(event.id());
        }
    }
}
