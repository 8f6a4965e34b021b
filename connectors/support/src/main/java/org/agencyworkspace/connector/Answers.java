package org.agencyworkspace.connector;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for an asynchronous connector call where the caller wants the call's own failure. */
public final class Answers {

    private Answers() {
    }

    /**
     * The call's result; a failure is thrown as the connector's own runtime exception (a
     * {@link ConnectorException} kind, say), not wrapped in a {@link CompletionException}, so that
     * callers' retry and dead-letter rules see what went wrong.
     */
    public static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
