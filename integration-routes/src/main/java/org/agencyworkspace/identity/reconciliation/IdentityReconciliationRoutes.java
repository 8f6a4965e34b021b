package org.agencyworkspace.identity.reconciliation;

import org.agencyworkspace.identity.IdentityProperties;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** Runs reconciliation on its schedule ({@code workspace.identity.reconciliation.*}). */
@Component
public class IdentityReconciliationRoutes extends EndpointRouteBuilder {

    /** Who scheduled runs are requested by, in reports and the audit trail. */
    static final String SCHEDULE = "schedule";

    private final IdentityProperties.Reconciliation settings;
    private final IdentityReconciliation reconciliation;

    public IdentityReconciliationRoutes(IdentityProperties identity, IdentityReconciliation reconciliation) {
        this.settings = identity.reconciliation();
        this.reconciliation = reconciliation;
    }

    @Override
    public void configure() {
        long interval = settings.interval().toMillis();
        // No dead-letter handling: a run that fails is repeated by the next one.
        from(timer("identity-reconciliation").period(interval).delay(interval))
                .routeId("identity-reconciliation")
                .autoStartup(settings.schedule())
                .process(exchange -> exchange.getMessage().setBody(reconciliation.reconcile(false, SCHEDULE)));
    }
}
