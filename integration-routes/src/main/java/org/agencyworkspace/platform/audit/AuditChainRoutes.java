package org.agencyworkspace.platform.audit;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Anchors the audit chain outside the database on a timer: the first tick at start (which also
 * keys the chain), then every {@code workspace.audit.chain.anchor-interval}.
 */
@Component
class AuditChainRoutes extends EndpointRouteBuilder {

    static final String ROUTE_ID = "audit-chain-anchor";

    private final AuditProperties properties;
    private final AuditChainKeeper keeper;

    AuditChainRoutes(AuditProperties properties, AuditChainKeeper keeper) {
        this.properties = properties;
        this.keeper = keeper;
    }

    @Override
    public void configure() {
        // No dead-letter handling: a failed tick (the log folder full, the database away) is
        // logged by Camel and simply the next tick's work.
        from(timer("audit-chain-anchor").period(properties.chain().anchorInterval().toMillis())
                .delay(0).fixedRate(false))
                .routeId(ROUTE_ID)
                .process(exchange -> keeper.tick());
    }
}
