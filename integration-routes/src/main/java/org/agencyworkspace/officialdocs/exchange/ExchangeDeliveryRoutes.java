package org.agencyworkspace.officialdocs.exchange;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Delivery of dispatched packages: every poll claims the packages waiting (persisted at dispatch)
 * and delivers each to its recipient; transient failures are retried with backoff and then
 * dead-lettered (replay delivers again; an acknowledged package is left alone). After a restart,
 * packages interrupted mid-delivery are delivered again.
 */
@Component
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
class ExchangeDeliveryRoutes extends EndpointRouteBuilder {

    static final String DELIVER = "direct:exchange-deliver";

    private final ExchangeDispatch dispatch;
    private final ExchangeProperties properties;

    ExchangeDeliveryRoutes(ExchangeDispatch dispatch, ExchangeProperties properties) {
        this.dispatch = dispatch;
        this.properties = properties;
    }

    @Override
    public void configure() {
        dispatch.resumeInterrupted();
        from(timer("exchange-outbox").period(properties.pollInterval().toMillis()).delay(1000))
                .routeId("exchange-outbox")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> exchange.getMessage().setBody(dispatch.claimPending()))
                .split(body())
                    .to(DELIVER)
                .end();

        from(DELIVER)
                .routeId("exchange-deliver")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> dispatch.deliver(exchange.getMessage().getBody(Long.class)));
    }
}
