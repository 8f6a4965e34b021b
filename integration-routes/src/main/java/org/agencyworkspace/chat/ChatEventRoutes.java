package org.agencyworkspace.chat;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Acts on the events the homeserver pushed, after they were stored: polls the pending ones and
 * processes each in its own exchange, retried and then dead-lettered with the event id.
 */
public class ChatEventRoutes extends EndpointRouteBuilder {

    /** Replayable entry point: the body is a stored event id. */
    public static final String PROCESS = "direct:chat-event";
    public static final String PROCESS_ROUTE_ID = "chat-event";

    private final ChatProperties chat;
    private final ChatInbox inbox;
    private final ChatCommands commands;

    public ChatEventRoutes(ChatProperties chat, ChatInbox inbox, ChatCommands commands) {
        this.chat = chat;
        this.inbox = inbox;
        this.commands = commands;
    }

    @Override
    public void configure() {
        from(timer("chat-events").period(chat.eventPollInterval().toMillis()).delay(0))
                .routeId("chat-event-poll")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(inbox.pendingIds(50)))
                .split(body())
                    .to(PROCESS)
                .end();

        from(PROCESS)
                .routeId(PROCESS_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> commands.process(exchange.getMessage().getBody(String.class)));
    }
}
