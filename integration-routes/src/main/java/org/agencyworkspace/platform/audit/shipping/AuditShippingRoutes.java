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

    AuditShippingRoutes(AuditProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        // No dead-letter handling on the timer: nothing is taken off the chain until it is
        // stored or set aside, so a failed tick is simply the next tick's work.
        from(timer("audit-shipping").period(properties.shipping().pollInterval().toMillis())
                .delay(0).fixedRate(false))
                .routeId(AuditShipper.ROUTE_ID)
                .bean(AuditShipper.class, "shipAll");

        if (properties.shipping().logs()) {
            from(timer("log-shipping").period(properties.shipping().pollInterval().toMillis())
                    .delay(0).fixedRate(false))
                    .routeId("log-shipping")
                    .bean(LogShipper.class, "shipAll");
        }

        from(timer("audit-retention").period(properties.retention().checkInterval().toMillis())
                .delay(60_000))
                .routeId("audit-retention")
                .bean(AuditRetention.class, "deleteExpired");

        from(AuditShipper.REPLAY_ENDPOINT)
                .routeId("audit-reship")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(AuditShipper.class, "reship(${body}, ${header.AuditEventId}, ${header.AuditEventTime})");
    }
}
