package org.agencyworkspace.support;

import java.time.Instant;

/** The shared hand-moved clock of test-support, under the name this module's tests import. */
public final class MutableClock extends org.agencyworkspace.testsupport.MutableClock {

    public MutableClock(Instant start) {
        super(start);
    }
}
