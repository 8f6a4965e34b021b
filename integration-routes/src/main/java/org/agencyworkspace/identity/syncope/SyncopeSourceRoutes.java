package org.agencyworkspace.identity.syncope;

import java.time.Duration;
import java.util.List;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.syncope.SyncopeUser;
import org.agencyworkspace.identity.syncope.ChangeFeed.ChangedPage;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.support.DefaultMessage;

/**
 * Polls Syncope for changed users: page after page, each user imported in a route of its own so
 * one refused record is set aside (dead-letter store, replayable) while the rest come in; the
 * cursor moves past a page only once every user on it is imported or set aside. A poll that
 * fails part-way (Syncope unreachable, a user neither imported nor set aside because the
 * database is down) leaves the cursor before that page, and the next poll reads it again;
 * importing a user twice changes nothing.
 */
class SyncopeSourceRoutes extends EndpointRouteBuilder {

    static final String TIMER_ROUTE_ID = "syncope-poll-timer";
    static final String POLL_ROUTE_ID = "syncope-poll";
    /** The page of the query the walk reads next; 0 when it is done. */
    private static final String PAGE = "syncopePage";

    private final Duration pollInterval;
    private final ChangeFeed feed;
    private final SyncopeIdentitySource source;

    SyncopeSourceRoutes(Duration pollInterval, SyncopeIdentitySource source) {
        this(pollInterval, source, source);
    }

    SyncopeSourceRoutes(Duration pollInterval, ChangeFeed feed, SyncopeIdentitySource source) {
        this.pollInterval = pollInterval;
        this.feed = feed;
        this.source = source;
    }

    @Override
    public void configure() {
        from(timer("syncope-poll").period(pollInterval.toMillis()).delay(0))
                .routeId(TIMER_ROUTE_ID)
                .to(seda("syncope-poll").waitForTaskToComplete("Always"));

        // No dead-letter handling here: a poll that fails is simply the next poll's work.
        from(SyncopeIdentitySource.POLL_ENDPOINT)
                .routeId(POLL_ROUTE_ID)
                .onException(ConnectorException.class).handled(true)
                    .log(LoggingLevel.WARN, "Syncope poll stopped, resuming next poll: ${exception.message}")
                .end()
                .setProperty(PAGE, constant(1))
                .loopDoWhile(exchangeProperty(PAGE).isGreaterThan(0))
                    .setBody(exchange -> feed.changedPage(exchange.getProperty(PAGE, Integer.class)))
                    // Not stopOnException: that also stops at a user set aside as a dead letter.
                    // A user neither imported nor set aside fails the split once the page is
                    // through, so the cursor below is not moved.
                    .split().body(ChangedPage.class, this::importMessages)
                        .to(SyncopeIdentitySource.IMPORT_ENDPOINT)
                    .end()
                    // the split hands back the page: every user on it is imported or set aside
                    .setProperty(PAGE).body(ChangedPage.class, feed::advance)
                .end();

        from(SyncopeIdentitySource.IMPORT_ENDPOINT)
                .routeId(SyncopeIdentitySource.IMPORT_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .setBody(exchange -> source.importUser(exchange.getMessage().getBody(String.class),
                        exchange.getMessage().getHeader(SyncopeIdentitySource.USER_HEADER, SyncopeUser.class)));
    }

    /**
     * One message per user, made before the split hands it on: the key as its body, because a
     * split part's first message is what a dead letter keeps and a replay sends; the polled user
     * beside it, so the import need not read it again.
     */
    private List<Message> importMessages(ChangedPage page) {
        return page.users().stream().map(user -> {
            Message message = new DefaultMessage(getContext());
            message.setBody(user.key());
            message.setHeader(SyncopeIdentitySource.USER_HEADER, user);
            return message;
        }).toList();
    }
}
