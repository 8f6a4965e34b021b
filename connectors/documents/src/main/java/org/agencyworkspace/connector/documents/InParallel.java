package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per item on the calling thread and on idle workers of the common pool, results in
 * item order. Items are claimed one at a time, so a busy pool only means the caller does more of
 * them itself: it never waits for a worker that has not started, only for items already begun.
 * The tasks must not share mutable state.
 */
final class InParallel {

    interface Task<I, O> {
        O apply(I item) throws IOException;
    }

    private InParallel() {
    }

    /**
     * @throws IOException, RuntimeException or Error: the failure of the first item (in item order)
     *     that failed, as its task threw it
     */
    static <I, O> List<O> map(List<I> items, Task<I, O> task) throws IOException {
        int count = items.size();
        Object[] results = new Object[count];
        Throwable[] failures = new Throwable[count];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < count;) {
                try {
                    results[i] = task.apply(items.get(i));
                } catch (IOException | RuntimeException | Error e) {
                    failures[i] = e;
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(count - 1, Math.min(ForkJoinPool.getCommonPoolParallelism(),
                Runtime.getRuntime().availableProcessors() - 1));
        for (int i = 0; i < helpers; i++) {
            ForkJoinPool.commonPool().execute(worker);
        }
        worker.run();
        awaitUninterruptibly(done);
        for (Throwable failure : failures) {
            if (failure instanceof IOException e) {
                throw e;
            } else if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            }
        }
        @SuppressWarnings("unchecked")
        List<O> ordered = (List<O>) new ArrayList<>(Arrays.asList(results));
        return ordered;
    }

    /** The items still running were begun by a worker and finish on their own; interrupting cannot stop them. */
    private static void awaitUninterruptibly(CountDownLatch done) {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
