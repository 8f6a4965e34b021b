package org.agencyworkspace.identity.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityChanges.Change;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetterListener;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Applies the queued identity changes to every target app. One person's changes are applied in
 * order, one at a time; different people proceed in parallel, so one bad identity never holds up
 * the others. Within a change, the apps are updated in parallel, each step retried on its own;
 * a step that keeps failing goes to the dead-letter store and holds back that person's later
 * changes until it is replayed.
 */
@Service
public class IdentityProvisioning implements DeadLetterListener, DisposableBean {

    /** Hands people with pending changes to the workers: on the poll, and when woken. */
    public static final String DISPATCH_ENDPOINT = "direct:identity-dispatch";
    /** Route that applies one step; its body is {@code <change seq>:<target>}. */
    public static final String STEP_ROUTE_ID = "identity-step";
    public static final String STEP_ENDPOINT = "direct:identity-step";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProvisioning.class);
    /** Shortest time between two wake-up dispatches. */
    static final Duration WAKE_GAP = Duration.ofMillis(20);

    private final IdentityChanges changes;
    private final IdentitySteps steps;
    private final IdentityTargets targets;
    private final AuditTrail audit;
    private final ProducerTemplate producer;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService stepThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "identity-step");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService wakeThread =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "identity-wake");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile long lastWake = System.nanoTime() - WAKE_GAP.toNanos();

    public IdentityProvisioning(IdentityChanges changes, IdentitySteps steps,
            IdentityTargets targets, AuditTrail audit, ProducerTemplate producer) {
        this.changes = changes;
        this.steps = steps;
        this.targets = targets;
        this.audit = audit;
        this.producer = producer;
    }

    /**
     * People with pending changes who are neither being worked on nor held back by a failed
     * step, marked as in flight; each must be passed to {@link #applyPending} exactly once.
     */
    public List<String> dispatchable(int limit) {
        List<String> people = new ArrayList<>();
        for (Map.Entry<String, Long> person : changes.peopleWithPending(limit * 4).entrySet()) {
            if (people.size() == limit) {
                break;
            }
            // In flight is checked first: it costs nothing, while a held-back check is a query.
            if (!inFlight.contains(person.getKey()) && !steps.anyFailed(person.getValue())
                    && inFlight.add(person.getKey())) {
                people.add(person.getKey());
            }
        }
        return people;
    }

    /**
     * A change was committed: dispatch now rather than at the next poll, so a leaver is not kept
     * waiting for up to a poll interval. Wake-ups arriving while one is pending are folded into
     * it, and wake-up dispatches are at least {@link #WAKE_GAP} apart, so a burst of joiners
     * does not turn into a dispatch per person; the poll stays as the safety net (after a
     * restart, for changes queued by another node).
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void changeQueued(IdentityChanges.Queued queued) {
        if (wakePending.compareAndSet(false, true)) {
            long sinceLast = System.nanoTime() - lastWake;
            long delay = Math.max(0, WAKE_GAP.toNanos() - sinceLast);
            wakeThread.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void wake() {
        wakePending.set(false);
        lastWake = System.nanoTime();
        try {
            producer.sendBody(DISPATCH_ENDPOINT, null);
        } catch (RuntimeException e) {
            // Routes not started (a command-line run) or stopping: the poll will do it.
            LOG.debug("Provisioning wake-up not delivered: {}", e.getMessage());
        }
    }

    /** Applies one person's pending changes in order, stopping at a change not fully applied. */
    public void applyPending(String identityId) {
        try {
            for (Change change : changes.pendingFor(identityId)) {
                if (!apply(change)) {
                    return;
                }
                changes.markDone(change.seq());
            }
        } finally {
            inFlight.remove(identityId);
        }
    }

    /**
     * Applies one step, {@code <change seq>:<target>}: what the step route (and a replay from
     * the dead-letter store) calls.
     *
     * @throws IllegalArgumentException when the step names no queued change or no target
     */
    public void applyStep(String stepKey) {
        String[] parts = stepKey == null ? new String[0] : stepKey.split(":", 2);
        if (parts.length != 2 || !parts[0].matches("\\d+")) {
            throw new IllegalArgumentException("not a step: " + stepKey);
        }
        long seq = Long.parseLong(parts[0]);
        Change change = changes.find(seq)
                .orElseThrow(() -> new IllegalArgumentException("no identity change " + seq));
        IdentityTarget target = targets.named(parts[1])
                .orElseThrow(() -> new IllegalArgumentException("no target " + parts[1]));
        if (steps.ensure(seq, target.name()).finished()) {
            return;
        }
        try {
            target.apply(change.kind(), change.snapshot());
        } catch (RuntimeException e) {
            steps.recordFailedAttempt(seq, target.name(), e.getMessage());
            throw e;
        }
        steps.markDone(seq, target.name());
        audit.record(AuditEvent.of("identity.provision", "iam")
                .target("identity", change.snapshot().userName())
                .details(Map.of("target", target.name(), "change", change.kind().name(),
                        "seq", Long.toString(seq)))
                .build());
    }

    /** The step route gave up on a step: mark it failed so it holds back that person. */
    @Override
    public void deadLettered(String routeId, String body, String reason) {
        if (!STEP_ROUTE_ID.equals(routeId) || body == null || !body.matches("\\d+:.+")) {
            return;
        }
        String[] parts = body.split(":", 2);
        steps.markFailed(Long.parseLong(parts[0]), parts[1], reason);
        audit.record(AuditEvent.of("identity.provision", "iam")
                .failure(reason)
                .target("identity-step", body)
                .details(Map.of("target", parts[1]))
                .build());
    }

    /**
     * An operator discarded a failed step (the app will not be changed for it, e.g. a change
     * superseded by a later one): the person's queue moves on.
     */
    @Override
    public void discarded(String routeId, String body, String operator) {
        if (!STEP_ROUTE_ID.equals(routeId) || body == null || !body.matches("\\d+:.+")) {
            return;
        }
        String[] parts = body.split(":", 2);
        steps.markSkipped(Long.parseLong(parts[0]), parts[1], operator);
    }

    /** Runs every target's step of the change in parallel; true when all are done. */
    private boolean apply(Change change) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (String target : targets.names()) {
            if (!steps.ensure(change.seq(), target).finished()) {
                running.add(CompletableFuture.runAsync(
                        () -> producer.sendBody(STEP_ENDPOINT, change.seq() + ":" + target),
                        stepThreads));
            }
        }
        for (CompletableFuture<Void> step : running) {
            try {
                step.join();
            } catch (RuntimeException e) {
                // The step route handles its own failures; this is its error handling failing.
                LOG.warn("Step of identity change {} did not complete: {}", change.seq(),
                        e.getMessage());
            }
        }
        return targets.names().stream().allMatch(target -> steps.status(change.seq(), target)
                .map(IdentitySteps.Status::finished).orElse(false));
    }

    @Override
    public void destroy() {
        wakeThread.shutdownNow();
        stepThreads.shutdownNow();
    }
}
