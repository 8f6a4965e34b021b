package org.agencyworkspace.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Looks at the real servers again and again, with a short pause, until an end state holds. The
 * moment it is seen is the end of the round that saw it, so a measured time can be late by up to
 * one round plus one pause: the probe's resolution, which the report states.
 */
final class EndStateProbe {

    private final Duration pause;
    private final Duration timeout;
    private long rounds;
    private long roundNanos;

    EndStateProbe(Duration pause, Duration timeout) {
        this.pause = pause;
        this.timeout = timeout;
    }

    /**
     * @return {@link System#nanoTime()} at the end of the round that saw the state
     * @throws IllegalStateException when the state did not hold within the timeout
     */
    long awaitNanos(BooleanSupplier endState, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long start = System.nanoTime();
            boolean reached = endState.getAsBoolean();
            long end = System.nanoTime();
            rounds++;
            roundNanos += end - start;
            if (reached) {
                return end;
            }
            if (end > deadline) {
                throw new IllegalStateException(what + " not reached within " + timeout);
            }
            Retries.pause(pause);
        }
    }

    /** How late a measured time can be: one mean round plus one pause. */
    Duration resolution() {
        return Duration.ofNanos(rounds == 0 ? 0 : roundNanos / rounds).plus(pause);
    }

    Duration meanRound() {
        return Duration.ofNanos(rounds == 0 ? 0 : roundNanos / rounds);
    }
}
