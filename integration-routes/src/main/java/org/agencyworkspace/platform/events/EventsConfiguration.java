package org.agencyworkspace.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.agencyworkspace.platform.deadletter.DeadLetterRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code workspace-event} component (bean name = URI scheme) and its dispatcher. */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

    @Bean(WorkspaceEventComponent.SCHEME)
    WorkspaceEventComponent workspaceEventComponent() {
        return new WorkspaceEventComponent();
    }

    @Bean
    EventDispatcher eventDispatcher(WorkspaceEventComponent component,
            DeadLetterRecorder deadLetters, ObjectMapper json) {
        return new EventDispatcher(component, deadLetters, json);
    }
}
