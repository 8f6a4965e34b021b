package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The WOPI host's per-file locks: one holder per file at a time, and nothing kept afterwards. */
class FileMutexesTest {

    @Test
    void oneHolderPerFileAtATimeAndNoLockLeftWhenAllAreDone() throws Exception {
        long seed = 20261207L;
        Random random = new Random(seed);
        FileMutexes mutexes = new FileMutexes();
        int files = 5;
        AtomicInteger[] inside = new AtomicInteger[files];
        int[] counters = new int[files];
        for (int i = 0; i < files; i++) {
            inside[i] = new AtomicInteger();
        }
        AtomicInteger overlaps = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int task = 0; task < 2_000; task++) {
                int file = random.nextInt(files);
                work.add(pool.submit(() -> {
                    try (FileMutexes.Held held = mutexes.hold("file-" + file)) {
                        if (inside[file].incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        counters[file]++; // unsynchronised on purpose: the mutex must protect it
                        inside[file].decrementAndGet();
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps.get()).as("seed %d", seed).isZero();
        int total = 0;
        for (int count : counters) {
            total += count;
        }
        assertThat(total).as("no update lost under the lock (seed %d)", seed).isEqualTo(2_000);
        assertThat(mutexes.size()).as("no lock kept for files nobody works on").isZero();
    }

    @Test
    void aHolderCanTakeTheSameFileAgainAndItIsReleasedOnlyAtTheLastClose() {
        FileMutexes mutexes = new FileMutexes();
        try (FileMutexes.Held outer = mutexes.hold("a")) {
            try (FileMutexes.Held inner = mutexes.hold("a")) {
                assertThat(mutexes.size()).isEqualTo(1);
            }
            assertThat(mutexes.size()).isEqualTo(1);
        }
        assertThat(mutexes.size()).isZero();
    }
}
