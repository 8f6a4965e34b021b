package org.agencyworkspace.identity.provisioning;

import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Applies queued identity changes to the apps: a dispatch (on every poll, and at once when a
 * change is committed) first hands every change that takes access away to the revocation
 * workers, then each person with pending changes to one of several workers (people in
 * parallel, each person's changes in order per app). Every app's step runs in its own route so
 * it is retried, dead-lettered and replayed on its own.
 */
@Component
public class IdentityProvisioningRoutes extends EndpointRouteBuilder {

    private static final String PEOPLE = "identity-person";
    private static final String REVOCATIONS = "identity-revocation";
    /** Enough for a whole agency's joiners at once; the poll waits when it is full. */
    private static final int QUEUE_SIZE = 10_000;

    private final IdentityProperties.Provisioning properties;

    public IdentityProvisioningRoutes(IdentityProperties identity) {
        this.properties = identity.provisioning();
    }

    @Override
    public void configure() {
        from(timer("identity-provisioning").period(properties.pollInterval().toMillis()).delay(0))
                .routeId("identity-provisioning-poll")
                .to(IdentityProvisioning.DISPATCH_ENDPOINT);

        // Reached from the poll and from a wake-up when a change is committed; dispatching
        // twice at once is harmless, as a change or person in flight is not handed out again.
        // Revocations go first and to their own workers, so no person's upkeep delays them.
        from(IdentityProvisioning.DISPATCH_ENDPOINT)
                .routeId("identity-dispatch")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(IdentityProvisioning.class, "revocationsDue(" + properties.batchSize() + ")")
                .split(body())
                    .to(seda(REVOCATIONS).size(QUEUE_SIZE).advanced().blockWhenFull(true))
                .end()
                .bean(IdentityProvisioning.class, "dispatchable(" + properties.batchSize() + ")")
                .split(body())
                    .to(seda(PEOPLE).size(QUEUE_SIZE).advanced().blockWhenFull(true))
                .end();

        // Replayable: the body is the change's sequence number; revoking again is harmless.
        from(seda(REVOCATIONS).size(QUEUE_SIZE).concurrentConsumers(properties.parallelism()))
                .routeId("identity-revocation")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(IdentityProvisioning.class, "revoke");

        // Replayable: the body is the identity id; applying again skips what is done.
        from(seda(PEOPLE).size(QUEUE_SIZE).concurrentConsumers(properties.parallelism()))
                .routeId("identity-person")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(IdentityProvisioning.class, "applyPending");

        from(IdentityProvisioning.STEP_ENDPOINT)
                .routeId(IdentityProvisioning.STEP_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .bean(IdentityProvisioning.class, "applyStep");
    }
}
