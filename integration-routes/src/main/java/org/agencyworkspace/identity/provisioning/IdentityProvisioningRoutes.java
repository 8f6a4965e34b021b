package org.agencyworkspace.identity.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

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

    private static final String CHANGE = "identityChange";
    private static final String PERSON = "identityPerson";
    private static final String LANE = "identityLane";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProvisioningRoutes.class);

    /**
     * A committed change wakes the dispatch; at most one wake-up waits, later ones fold into it.
     */
    static final String WAKE_ENDPOINT = "seda:identity-wake?size=1&discardWhenFull=true";
    /** Shortest time between two wake-up dispatches, so a burst of joiners is one dispatch. */
    static final Duration WAKE_GAP = Duration.ofMillis(20);

    private final IdentityProvisioning provisioning;
    private final IdentityProperties.Provisioning properties;
    private final ProducerTemplate wake;

    public IdentityProvisioningRoutes(IdentityProvisioning provisioning, IdentityProperties identity,
            ProducerTemplate wake) {
        this.provisioning = provisioning;
        this.properties = identity.provisioning();
        this.wake = wake;
    }

    /**
     * A change was committed: dispatch now rather than at the next poll, so a leaver is not kept
     * waiting for up to a poll interval. The poll stays as the safety net (after a restart, for
     * changes queued by another node).
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void changeQueued(IdentityChanges.Queued queued) {
        try {
            wake.sendBody(WAKE_ENDPOINT, null);
        } catch (RuntimeException e) {
            // Camel not started (a command-line run) or stopping: the poll will do it.
            LOG.debug("Provisioning wake-up not delivered: {}", e.getMessage());
        }
    }

    @Override
    public void configure() {
        from(timer("identity-provisioning").period(properties.pollInterval().toMillis()).delay(0))
                .routeId("identity-provisioning-poll")
                .to(IdentityProvisioning.DISPATCH_ENDPOINT);

        from(WAKE_ENDPOINT)
                .routeId("identity-provisioning-wake")
                .to(IdentityProvisioning.DISPATCH_ENDPOINT)
                .delay(WAKE_GAP.toMillis());

        // Reached from the poll and from a wake-up when a change is committed; dispatching
        // twice at once is harmless, as a change or person in flight is not handed out again.
        // Revocations go first and to their own workers, so no person's upkeep delays them.
        from(IdentityProvisioning.DISPATCH_ENDPOINT)
                .routeId("identity-dispatch")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .setBody(exchange -> provisioning.revocationsDue(properties.batchSize()))
                .split(body())
                    .to(seda(REVOCATIONS).size(QUEUE_SIZE).advanced().blockWhenFull(true))
                .end()
                .setBody(exchange -> provisioning.dispatchable(properties.batchSize()))
                .split(body())
                    .to(seda(PEOPLE).size(QUEUE_SIZE).advanced().blockWhenFull(true))
                .end();

        // Replayable: the body is the change's sequence number; revoking again is harmless.
        // Every app at once, so one slow app does not hold back the others' revocation.
        from(seda(REVOCATIONS).size(QUEUE_SIZE).concurrentConsumers(properties.parallelism()))
                .routeId("identity-revocation")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .setProperty(CHANGE, body().convertTo(Long.class))
                .doTry()
                    .setBody(exchange -> provisioning.revocationSteps(change(exchange)))
                    .split(body()).parallelProcessing()
                        .to(IdentityProvisioning.STEP_ENDPOINT)
                    .end().endDoTry()
                .doFinally()
                    .process(exchange -> provisioning.revoked(change(exchange)))
                .end();

        // Replayable: the body is the identity id; applying again skips what is done.
        // Every app's lane at once; within a lane the steps in order, stopping at one its app
        // did not finish (that app's later steps wait for it, the other apps go on).
        from(seda(PEOPLE).size(QUEUE_SIZE).concurrentConsumers(properties.parallelism()))
                .routeId("identity-person")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .setProperty(PERSON, body().convertToString())
                .doTry()
                    .setBody(exchange -> provisioning.lanes(person(exchange)))
                    .split(body()).parallelProcessing()
                        .setProperty(LANE, body())
                        .loopDoWhile(this::nextStepIntoBody)
                            // A split of the one step gives it a unit of work of its own, so a
                            // dead letter keeps the step itself (replayable), not the lane.
                            .split(body())
                                .to(IdentityProvisioning.STEP_ENDPOINT)
                            .end()
                        .end()
                    .end()
                    .process(exchange -> provisioning.markFinished(person(exchange))).endDoTry()
                .doFinally()
                    .process(exchange -> provisioning.release(person(exchange)))
                .end();

        from(IdentityProvisioning.STEP_ENDPOINT)
                .routeId(IdentityProvisioning.STEP_ROUTE_ID)
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> provisioning.applyStep(exchange.getMessage().getBody(String.class)));
    }

    /** The loop's condition: puts the lane's next step in the body, or ends the lane. */
    private boolean nextStepIntoBody(Exchange exchange) {
        IdentityProvisioning.Lane lane = exchange.getProperty(LANE, IdentityProvisioning.Lane.class);
        Optional<String> step = provisioning.nextStep(lane);
        step.ifPresent(key -> exchange.getMessage().setBody(List.of(key)));
        return step.isPresent();
    }

    private static long change(Exchange exchange) {
        return exchange.getProperty(CHANGE, Long.class);
    }

    private static String person(Exchange exchange) {
        return exchange.getProperty(PERSON, String.class);
    }
}
