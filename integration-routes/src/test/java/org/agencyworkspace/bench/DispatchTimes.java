package org.agencyworkspace.bench;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * When the provisioning poll handed each person to a worker (the send to the
 * {@code seda:identity-person} queue), in {@link System#nanoTime()}: the time a leaver spent
 * before that is time spent waiting for the next poll. Watches Camel's events, so the
 * production routes stay as they are.
 */
final class DispatchTimes extends EventNotifierSupport {

    private final Map<String, Long> dispatchedAt = new ConcurrentHashMap<>();

    DispatchTimes() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSentEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSendingEvent sending
                && sending.getEndpoint().getEndpointUri().startsWith("seda://identity-person")) {
            dispatchedAt.put(sending.getExchange().getMessage().getBody(String.class), System.nanoTime());
        }
    }

    /** Forgets the person's last dispatch, before a change whose dispatch is to be timed. */
    void forget(String identityId) {
        dispatchedAt.remove(identityId);
    }

    Optional<Long> dispatchedAt(String identityId) {
        return Optional.ofNullable(dispatchedAt.get(identityId));
    }
}
