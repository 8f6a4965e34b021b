package org.agencyworkspace.identity.syncope;

import java.time.Duration;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Polls Syncope for changed users, and imports each user in a route of its own so one refused
 * record is set aside (dead-letter store, replayable) while the rest come in.
 */
class SyncopeSourceRoutes extends EndpointRouteBuilder {

    private final Duration pollInterval;

    SyncopeSourceRoutes(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @Override
    public void configure() {
        // No dead-letter handling here: a poll that fails is simply the next poll's work.
        from(timer("syncope-poll").period(pollInterval.toMillis()).delay(0))
                .routeId("syncope-poll")
                .bean(SyncopeIdentitySource.class, "poll");

        from(SyncopeIdentitySource.IMPORT_ENDPOINT)
                .routeId(SyncopeIdentitySource.IMPORT_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(SyncopeIdentitySource.class, "importUser(${body}, ${exchangeProperty."
                        + SyncopeIdentitySource.USER_PROPERTY + "})");
    }
}
