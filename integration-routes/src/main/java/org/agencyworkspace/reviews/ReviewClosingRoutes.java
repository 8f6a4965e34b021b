package org.agencyworkspace.reviews;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Closes reviews whose closing time has passed, once a minute: sheets and materials shut, and
 * guests whose reviews are all closed expire. Closing twice changes nothing.
 */
@Component
class ReviewClosingRoutes extends EndpointRouteBuilder {

    static final String ROUTE_ID = "review-closing";

    private final Reviews reviews;

    ReviewClosingRoutes(Reviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public void configure() {
        from(timer("review-closing").period(60_000).delay(5_000))
                .routeId(ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(reviews.closeDue()))
                .filter(body().isGreaterThan(0))
                    .log("closed ${body} review(s) at their closing time")
                .end();
    }
}
