package org.agencyworkspace.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.agencyworkspace.connector.TransientConnectorException;

/**
 * Retries a baseline call that a server refused for now (5xx, or 429 rate limiting), as the
 * workspace's own routes do, and counts the retries so the report can say how many there were.
 */
final class Retries {

    private static final int ATTEMPTS = 6;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final AtomicInteger count = new AtomicInteger();

    <T> T call(Supplier<T> action) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (TransientConnectorException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                count.incrementAndGet();
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    int count() {
        return count.get();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
