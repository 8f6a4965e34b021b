package org.agencyworkspace.connector;

/**
 * Checks that an outside system answers. Implementations never throw: a failure is a
 * {@link ProbeResult} that is down, with the reason in its detail.
 */
@FunctionalInterface
public interface HealthProbe {

    /** Asks the outside system one cheap question and reports what it answered. */
    ProbeResult probe();
}
