package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash harness ({@link CrashHarness}) with two cycles per database, so every run of the
 * suite kills the workspace mid-work and finds nothing lost or doubled. The full run is
 * {@code bin/workspace bench crash} (20 cycles each). {@code -Dcrash.seed} replays a run.
 */
class CrashSafetyIT {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void killedMidWorkAndRestartedLosesAndDoublesNothing(String database) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        CrashHarness.Result result = new CrashHarness(database, Integer.getInteger("crash.cycles", 2), seed, work).run();

        assertThat(result.auditEvents()).as("seed %d", seed).isPositive();
        assertThat(result.uploads()).as("seed %d", seed).isPositive();
        assertThat(result.notices()).as("seed %d", seed).isPositive();
        assertThat(result.identityChanges()).as("seed %d", seed).isPositive();
        assertThat(result.chainIntact()).as("audit verify (seed %d): %s", seed, result.chainReport()).isTrue();
        assertThat(result.lost()).as("lost (seed %d): %s", seed, result.summary()).isZero();
        assertThat(result.doubled()).as("doubled (seed %d): %s", seed, result.summary()).isZero();
    }
}
