package org.agencyworkspace.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A channel's pause while its server is unavailable: messages wait in the outbox
 * ({@link DeliveryDeferredException}) instead of hammering the server or using up their retries.
 * Each outage in a row doubles the pause, up to a longest one; a success starts again from the
 * first.
 */
public final class ChannelPause {

    private final Clock clock;
    private final Duration first;
    private final Duration longest;
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Duration next;

    public ChannelPause(Clock clock, Duration first, Duration longest) {
        this.clock = clock;
        this.first = first;
        this.longest = longest;
        this.next = first;
    }

    /** @throws DeliveryDeferredException while paused, naming the channel */
    public void checkOpen(String channel) {
        if (clock.instant().isBefore(pausedUntil)) {
            throw new DeliveryDeferredException(channel + " paused until " + pausedUntil, null);
        }
    }

    /** Pauses for as long as the server asked. */
    public void pauseFor(Duration wait) {
        pausedUntil = clock.instant().plus(wait);
    }

    /** Pauses after an outage, for twice as long as the last time up to the longest; returns the pause. */
    public Duration backOff() {
        Duration pause = next;
        pausedUntil = clock.instant().plus(pause);
        next = pause.multipliedBy(2).compareTo(longest) > 0 ? longest : pause.multipliedBy(2);
        return pause;
    }

    /** The server answered: the next outage starts with the first pause again. */
    public void succeeded() {
        next = first;
    }
}
