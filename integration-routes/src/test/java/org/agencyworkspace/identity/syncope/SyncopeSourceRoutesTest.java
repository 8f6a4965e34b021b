package org.agencyworkspace.identity.syncope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.syncope.SyncopeUser;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The Syncope poll route's own logic, with Camel's test support: the import advised onto a mock
 * and the change feed kept in memory. The cursor moves past a page only once every user on it
 * went through the import; a failure part-way leaves it before the page, and the next poll
 * reads that page again.
 */
class SyncopeSourceRoutesTest extends CamelTestSupport {

    private final MemoryFeed feed = new MemoryFeed(List.of(user("k1"), user("k2"), user("k3"),
            user("k4"), user("k5")));

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new SyncopeSourceRoutes(Duration.ofHours(1), feed, null);
    }

    @Test
    void aFailureMidPageLeavesTheCursorBeforeThePageAndTheNextPollReadsItAgain() throws Exception {
        advise();
        MockEndpoint imports = getMockEndpoint("mock:import");
        // the first user of the second page cannot be imported or set aside (database down)
        imports.whenExchangeReceived(3, exchange -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(this::poll).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("database down");
        assertThat(feed.cursor).as("past the first page only").isEqualTo(2);
        assertThat(feed.advanced).containsExactly(List.of("k1", "k2"));

        poll();

        assertThat(feed.cursor).isEqualTo(5);
        assertThat(feed.advanced).containsExactly(List.of("k1", "k2"), List.of("k3", "k4"),
                List.of("k5"));
        assertThat(imports.getExchanges()).extracting(exchange -> exchange.getMessage().getBody(String.class))
                .containsExactly("k1", "k2", "k3", "k4", "k3", "k4", "k5");
        assertThat(imports.getExchanges().get(0).getMessage().getHeader(SyncopeIdentitySource.USER_HEADER))
                .as("the polled user travels with its key").isEqualTo(user("k1"));
    }

    @Test
    void aUserSetAsideDoesNotStopThePageAndTheCursorMovesPastIt() throws Exception {
        advise();
        MockEndpoint imports = getMockEndpoint("mock:import");
        // as the import route's dead-letter handling leaves a refused record: failed, handled
        imports.whenExchangeReceived(1, exchange -> {
            exchange.setException(new IllegalArgumentException("email is required"));
            org.apache.camel.support.ExchangeHelper.setFailureHandled(exchange);
        });

        poll();

        assertThat(feed.cursor).isEqualTo(5);
        assertThat(imports.getExchanges()).extracting(exchange -> exchange.getMessage().getBody(String.class))
                .containsExactly("k1", "k2", "k3", "k4", "k5");
    }

    @Test
    void syncopeUnreachableEndsThePollQuietlyAndMovesNothing() throws Exception {
        advise();
        feed.unreachable = true;

        poll();

        assertThat(feed.cursor).isZero();
        assertThat(feed.advanced).isEmpty();
        assertThat(getMockEndpoint("mock:import").getExchanges()).isEmpty();
    }

    private void advise() throws Exception {
        AdviceWith.adviceWith(context, SyncopeSourceRoutes.TIMER_ROUTE_ID,
                route -> route.replaceFromWith("direct:no-timer"));
        AdviceWith.adviceWith(context, SyncopeSourceRoutes.POLL_ROUTE_ID,
                route -> route.weaveByToUri(SyncopeIdentitySource.IMPORT_ENDPOINT).replace().to("mock:import"));
        context.start();
    }

    private void poll() {
        template.requestBody(SyncopeIdentitySource.POLL_ENDPOINT, (Object) null);
    }

    private static SyncopeUser user(String key) {
        return new SyncopeUser(key, "user-" + key, "/agency", "active", false, Instant.EPOCH,
                Instant.EPOCH, Map.of(), null, List.of(), List.of(), List.of(), null);
    }

    /** Users in change order, two to a page; the cursor is how many were taken. */
    static final class MemoryFeed implements ChangeFeed {

        private final List<SyncopeUser> users;
        int cursor;
        boolean unreachable;
        final List<List<String>> advanced = new ArrayList<>();

        MemoryFeed(List<SyncopeUser> users) {
            this.users = users;
        }

        @Override
        public ChangedPage changedPage(int number) {
            if (unreachable) {
                throw new TransientConnectorException("syncope", "cannot reach server", 0,
                        "http://syncope.invalid", null, null);
            }
            int from = Math.min(cursor + (number - 1) * 2, users.size());
            int to = Math.min(from + 2, users.size());
            return new ChangedPage(number, users.subList(from, to), to < users.size());
        }

        @Override
        public int advance(ChangedPage page) {
            advanced.add(page.users().stream().map(SyncopeUser::key).toList());
            cursor += page.users().size();
            return page.more() ? 1 : 0;
        }
    }
}
