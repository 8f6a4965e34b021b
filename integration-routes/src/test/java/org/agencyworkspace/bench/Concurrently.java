package org.agencyworkspace.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs one action per item with a fixed number in flight, as a client with N connections. */
final class Concurrently {

    private Concurrently() {
    }

    /** Returns when every action has finished; the first failure is rethrown. */
    static <T> void forEach(List<T> items, int inFlight, Consumer<T> action) {
        ExecutorService client = Executors.newFixedThreadPool(inFlight);
        try {
            CompletableFuture.allOf(items.stream()
                    .map(item -> CompletableFuture.runAsync(() -> action.accept(item), client))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            client.shutdownNow();
        }
    }
}
