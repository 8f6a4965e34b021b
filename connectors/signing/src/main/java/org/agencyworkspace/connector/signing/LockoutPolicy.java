package org.agencyworkspace.connector.signing;

import java.time.Duration;
import java.util.Objects;

/** How many wrong passphrases lock a key, and for how long. */
public record LockoutPolicy(int attempts, Duration duration) {

    public LockoutPolicy {
        Objects.requireNonNull(duration, "duration");
        if (attempts < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lockout needs at least one attempt and a positive duration");
        }
    }
}
