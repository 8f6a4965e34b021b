package org.agencyworkspace.security.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per network address in a sliding window and refuses an address that
 * has too many, which slows password spraying across many accounts. Kept in memory: a restart
 * forgets it, while account lockout, which is persisted, still holds.
 */
public class LoginThrottle {

    /** Beyond this many tracked addresses the oldest are forgotten, to bound memory. */
    private static final int MAX_ADDRESSES = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Whether the address has reached the limit within the window. */
    public boolean blocked(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= maxFailures;
        }
    }

    public void recordFailure(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue());
                    return entry.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(address, key -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant oldest = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.removeFirst();
        }
    }
}
