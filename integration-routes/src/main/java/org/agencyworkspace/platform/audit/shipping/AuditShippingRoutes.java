package org.agencyworkspace.platform.audit.shipping;

import org.agencyworkspace.platform.audit.AuditProperties;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Ships the audit chain to Elasticsearch: a single timer consumer, so one batch is in flight at
 * a time; each tick sends batches until caught up or until Elasticsearch has to be waited for
 * (the shipper keeps the backoff). Expired months are deleted on a slower timer. Refused
 * documents come back from the dead-letter store through {@value AuditShipper#REPLAY_ENDPOINT}.
 */
class AuditShippingRoutes extends EndpointRouteBuilder {

    private final AuditProperties properties;
    private final AuditShipper shipper;
    private final LogShipper logShipper;
    private final AuditRetention retention;

    AuditShippingRoutes(AuditProperties properties, AuditShipper shipper, LogShipper logShipper,
            AuditRetention retention) {
        this.properties = properties;
        this.shipper = shipper;
        this.logShipper = logShipper;
        this.retention = retention;
    }

    @Override
    public void configure() {
        // No dead-letter handling on the timer: nothing is taken off the chain until it is
        // stored or set aside, so a failed tick is simply the next tick's work.
        from(timer("audit-shipping").period(properties.shipping().pollInterval().toMillis())
                .delay(0).fixedRate(false))
                .routeId(AuditShipper.ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(shipper.shipAll()));

        if (properties.shipping().logs()) {
            from(timer("log-shipping").period(properties.shipping().pollInterval().toMillis())
                    .delay(0).fixedRate(false))
                    .routeId("log-shipping")
                    .process(exchange -> exchange.getMessage().setBody(logShipper.shipAll()));
        }

        from(timer("audit-retention").period(properties.retention().checkInterval().toMillis())
                .delay(60_000))
                .routeId("audit-retention")
                .process(exchange -> exchange.getMessage().setBody(retention.deleteExpired()));

        from(AuditShipper.REPLAY_ENDPOINT)
                .routeId("audit-reship")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> shipper.reship(exchange.getMessage().getBody(String.class),
                        exchange.getMessage().getHeader("AuditEventId", String.class),
                        exchange.getMessage().getHeader("AuditEventTime", String.class)));
    }
}
