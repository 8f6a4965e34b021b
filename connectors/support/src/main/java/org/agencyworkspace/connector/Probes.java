package org.agencyworkspace.connector;

import java.time.Duration;
import java.util.function.Supplier;

/** Turns a check that may throw into a timed {@link ProbeResult} that never does. */
public final class Probes {

    private Probes() {
    }

    /**
     * Runs {@code check} and records how long it took. Any runtime failure, a
     * {@link ConnectorException} included, becomes a down result carrying the failure's message.
     */
    public static ProbeResult timed(Supplier<ProbeResult> check) {
        long started = System.nanoTime();
        ProbeResult result;
        try {
            result = check.get();
        } catch (RuntimeException e) {
            result = ProbeResult.down(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
        return result.withLatency(Duration.ofNanos(System.nanoTime() - started));
    }
}
