package org.agencyworkspace.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void aCallsOwnFailureIsThrownAsItselfSoRetryRulesSeeItsKind() {
        TransientConnectorException busy = new TransientConnectorException("elasticsearch", "busy", 503, "http://es/_bulk", null, null);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            throw busy;
        });

        assertThatThrownBy(() -> Answers.await(call)).isSameAs(busy);
    }

    @Test
    void aCheckedFailureStaysWrappedAndAResultIsReturned() {
        assertThat(Answers.await(CompletableFuture.completedFuture("ok"))).isEqualTo("ok");

        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IOException("disk"));
        assertThatThrownBy(() -> Answers.await(failed)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class);
    }
}
