package org.agencyworkspace.reviews;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Works the guests' Keycloak accounts: looks for due account changes (made, enabled, disabled)
 * and applies each through {@code direct:review-guest-account}, where a change given up is
 * dead-lettered (replaying it applies it again); once an hour, deletes disabled accounts whose
 * retention is over. Registered only with a guest realm ({@code workspace.reviews.keycloak.realm}).
 */
public class GuestAccountRoutes extends EndpointRouteBuilder {

    static final String POLL_ROUTE = "review-guest-accounts";
    static final String APPLY_ROUTE = "review-guest-account";
    static final String APPLY = "direct:review-guest-account";
    static final String RETENTION_ROUTE = "review-guest-account-retention";
    static final String DELETE = "direct:review-guest-account-delete";

    private final ReviewsProperties.GuestRealm realm;
    private final GuestAccounts accounts;

    public GuestAccountRoutes(ReviewsProperties.GuestRealm realm, GuestAccounts accounts) {
        this.realm = realm;
        this.accounts = accounts;
    }

    @Override
    public void configure() {
        from(timer("review-guest-accounts").period(realm.pollInterval().toMillis()).delay(0))
                .routeId(POLL_ROUTE)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(accounts.due(100)))
                .split(body())
                    .to(APPLY)
                .end();

        from(APPLY)
                .routeId(APPLY_ROUTE)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> accounts.apply(exchange.getMessage().getBody(String.class)));

        from(timer("review-guest-account-retention").period(3_600_000L).delay(30_000))
                .routeId(RETENTION_ROUTE)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(accounts.expired(100)))
                .split(body())
                    .to(DELETE)
                .end();

        from(DELETE)
                .routeId(RETENTION_ROUTE + "-delete")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> accounts.delete(exchange.getMessage().getBody(String.class)));
    }
}
