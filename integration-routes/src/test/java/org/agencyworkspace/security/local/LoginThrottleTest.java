package org.agencyworkspace.security.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.agencyworkspace.support.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), clock);

    @Test
    void blocksAnAddressAtTheLimitWithinTheWindowOnly() {
        throttle.recordFailure("10.0.0.7");
        throttle.recordFailure("10.0.0.7");
        assertThat(throttle.blocked("10.0.0.7")).isFalse();

        throttle.recordFailure("10.0.0.7");
        assertThat(throttle.blocked("10.0.0.7")).isTrue();
        assertThat(throttle.blocked("10.0.0.8")).isFalse();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
    }
}
