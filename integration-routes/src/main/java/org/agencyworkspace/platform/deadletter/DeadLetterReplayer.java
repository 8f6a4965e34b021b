package org.agencyworkspace.platform.deadletter;

import java.util.Base64;
import java.util.List;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Service;

/**
 * Sends a dead letter's original message to its route again, on behalf of an operator. A replay
 * that fails again stays open with its attempt count raised; every replay and discard is audited.
 */
@Service
public class DeadLetterReplayer {

    /** How a replay ended. */
    public enum Result { REPLAYED, FAILED_AGAIN, NOT_REPLAYABLE, NOT_FOUND }

    private final DeadLetterStore store;
    private final ProducerTemplate producer;
    private final AuditTrail audit;
    private final List<DeadLetterListener> listeners;

    public DeadLetterReplayer(DeadLetterStore store, ProducerTemplate producer, AuditTrail audit,
            List<DeadLetterListener> listeners) {
        this.store = store;
        this.producer = producer;
        this.audit = audit;
        this.listeners = List.copyOf(listeners);
    }

    public Result replay(String id, String operator) {
        DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return Result.NOT_FOUND;
        }
        if (!letter.replayable()) {
            return Result.NOT_REPLAYABLE;
        }
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.getMessage().setBody(letter.bodyBase64() && letter.body() != null
                ? Base64.getDecoder().decode(letter.body()) : letter.body());
        letter.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(DeadLetterRecorder.DEAD_LETTER_ID_HEADER, id);

        Exchange done = producer.send(letter.replayEndpoint(), exchange);
        boolean failedAgain = done.getProperty(DeadLetterRecorder.DEAD_LETTERED_PROPERTY) != null
                || done.getException() != null;
        if (done.getException() != null) {
            // The route had no dead-letter handling of its own; keep the reason on the record.
            store.failedAgain(id, letter.replayEndpoint(), done.getException().getClass().getName(),
                    done.getException().getMessage());
        }
        Result result = failedAgain ? Result.FAILED_AGAIN : Result.REPLAYED;
        if (result == Result.REPLAYED) {
            store.resolve(id, DeadLetter.Status.REPLAYED, operator);
        }
        audit.record(AuditEvent.of("dead-letter.replay", "process")
                .actor(operator, operator)
                .target("dead-letter", id)
                .outcome(result == Result.REPLAYED ? AuditEvent.Outcome.SUCCESS
                        : AuditEvent.Outcome.FAILURE)
                .reason(result == Result.REPLAYED ? null : "failed again on route " + letter.routeId())
                .build());
        return result;
    }

    /** Closes a dead letter without replaying it; returns false when it was not open. */
    public boolean discard(String id, String operator, String reason) {
        DeadLetter letter = store.find(id).orElse(null);
        boolean discarded = letter != null
                && store.resolve(id, DeadLetter.Status.DISCARDED, operator);
        if (discarded) {
            listeners.forEach(listener -> listener.discarded(letter.routeId(), letter.body(), operator));
            audit.record(AuditEvent.of("dead-letter.discard", "process")
                    .actor(operator, operator)
                    .target("dead-letter", id)
                    .reason(reason)
                    .build());
        }
        return discarded;
    }
}
