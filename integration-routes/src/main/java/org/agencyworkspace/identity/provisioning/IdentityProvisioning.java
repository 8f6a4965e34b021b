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
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityStore;
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
 * Applies the queued identity changes to every target app. Taking access away comes first and
 * waits for nothing: a change that removes access (a leave, lower clearance, fewer roles) is
 * revoked in every app at once, each app on its own, whatever state the person's other steps are
 * in. Then every change is applied in full, in order per person and app: each app has its own
 * lane, so a step one app keeps refusing (dead-lettered until replayed) holds back only that
 * app's later steps, and a later leave supersedes it. Different people proceed in parallel.
 */
@Service
public class IdentityProvisioning implements DeadLetterListener, DisposableBean {

    /** Hands people with pending changes to the workers: on the poll, and when woken. */
    public static final String DISPATCH_ENDPOINT = "direct:identity-dispatch";
    /**
     * Route that applies one step; its body is {@code <change seq>:<target>}, or
     * {@code <change seq>:<target>#access} for the revocation that goes first.
     */
    public static final String STEP_ROUTE_ID = "identity-step";
    public static final String STEP_ENDPOINT = "direct:identity-step";

    /** Suffix of the target of a revocation step. */
    static final String ACCESS = "#access";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProvisioning.class);
    /** Shortest time between two wake-up dispatches. */
    static final Duration WAKE_GAP = Duration.ofMillis(20);

    private final IdentityChanges changes;
    private final IdentitySteps steps;
    private final IdentityTargets targets;
    private final AuditTrail audit;
    private final ProducerTemplate producer;
    private final IdentityStore identities;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Long> revoking = ConcurrentHashMap.newKeySet();
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
            IdentityTargets targets, IdentityStore identities, AuditTrail audit,
            ProducerTemplate producer) {
        this.changes = changes;
        this.identities = identities;
        this.steps = steps;
        this.targets = targets;
        this.audit = audit;
        this.producer = producer;
    }

    /**
     * Changes that take access away and still need revoking, marked as in flight; each must be
     * passed to {@link #revoke} exactly once.
     */
    public List<Long> revocationsDue(int limit) {
        List<Long> due = new ArrayList<>();
        for (Long seq : changes.revocationsDue(targets.names().size(), limit)) {
            if (revoking.add(seq)) {
                due.add(seq);
            }
        }
        return due;
    }

    /**
     * People with pending changes who are not being worked on and have a step some app can take
     * now (a person whose every lane waits for an operator is left alone), marked as in flight;
     * each must be passed to {@link #applyPending} exactly once.
     */
    public List<String> dispatchable(int limit) {
        List<String> people = new ArrayList<>();
        for (String person : changes.peopleWithPending(limit * 4).keySet()) {
            if (people.size() == limit) {
                break;
            }
            // In flight is checked first: it costs nothing, while the lanes take two queries.
            if (!inFlight.contains(person) && anyLaneActionable(person) && inFlight.add(person)) {
                people.add(person);
            }
        }
        return people;
    }

    private boolean anyLaneActionable(String identityId) {
        List<Change> pending = changes.pendingFor(identityId);
        Map<Long, Map<String, IdentitySteps.Status>> statuses = steps.ofPending(identityId);
        return targets.names().stream()
                .anyMatch(target -> Lanes.next(pending, statuses, target).actionable());
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

    /**
     * Revokes what change {@code seq} takes away in every app at once, each app's step retried
     * and dead-lettered on its own.
     */
    public void revoke(long seq) {
        try {
            targets.names().stream()
                    .map(target -> CompletableFuture.runAsync(() -> producer.sendBody(
                            STEP_ENDPOINT, seq + ":" + target + ACCESS), stepThreads))
                    .toList()
                    .forEach(IdentityProvisioning::awaitQuietly);
        } finally {
            revoking.remove(seq);
        }
    }

    /**
     * Applies one person's pending changes: every app's lane at once, each in order, stopping
     * at a step that app refused; a change every app has is marked done.
     */
    public void applyPending(String identityId) {
        try {
            List<CompletableFuture<Void>> lanes = targets.names().stream()
                    .map(target -> CompletableFuture.runAsync(
                            () -> runLane(identityId, target), stepThreads))
                    .toList();
            lanes.forEach(IdentityProvisioning::awaitQuietly);
            Map<Long, Map<String, IdentitySteps.Status>> statuses = steps.ofPending(identityId);
            for (Change change : changes.pendingFor(identityId)) {
                Map<String, IdentitySteps.Status> ofChange =
                        statuses.getOrDefault(change.seq(), Map.of());
                if (targets.names().stream().allMatch(target -> ofChange.containsKey(target)
                        && ofChange.get(target).finished())) {
                    changes.markDone(change.seq());
                }
            }
        } finally {
            inFlight.remove(identityId);
        }
    }

    private void runLane(String identityId, String target) {
        while (true) {
            Lanes.Next next = Lanes.next(changes.pendingFor(identityId),
                    steps.ofPending(identityId), target);
            switch (next.action()) {
                case SUPERSEDE -> {
                    steps.ensure(next.seq(), target);
                    steps.markSuperseded(next.seq(), target, next.leaveSeq());
                }
                case APPLY -> {
                    producer.sendBody(STEP_ENDPOINT, next.seq() + ":" + target);
                    if (!steps.status(next.seq(), target)
                            .map(IdentitySteps.Status::finished).orElse(false)) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
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
        boolean revocation = parts[1].endsWith(ACCESS);
        String targetName = revocation
                ? parts[1].substring(0, parts[1].length() - ACCESS.length()) : parts[1];
        Change change = changes.find(seq)
                .orElseThrow(() -> new IllegalArgumentException("no identity change " + seq));
        IdentityTarget target = targets.named(targetName)
                .orElseThrow(() -> new IllegalArgumentException("no target " + targetName));
        if (steps.ensure(seq, parts[1]).finished()) {
            return;
        }
        if (!revocation && changes.supersededByLeave(change)) {
            // Checked on every retry: a join still retrying must not re-enable a leaver.
            steps.markSuperseded(seq, parts[1], seq);
            return;
        }
        try {
            if (revocation) {
                target.revoke(currentState(change));
            } else {
                target.apply(change.kind(), change.snapshot());
            }
        } catch (RuntimeException e) {
            steps.recordFailedAttempt(seq, parts[1], e.getMessage());
            throw e;
        }
        steps.markDone(seq, parts[1]);
        audit.record(AuditEvent.of(revocation ? "identity.revoke" : "identity.provision", "iam")
                .target("identity", change.snapshot().userName())
                .details(Map.of("target", targetName, "change", change.kind().name(),
                        "seq", Long.toString(seq)))
                .build());
    }

    /**
     * The person as they are now, not as the change left them: a revocation that runs late
     * (after a retry) must not take back less than a newer change already took away.
     */
    private IdentityDraft currentState(Change change) {
        return identities.findIncludingDeleted(change.identityId())
                .map(identity -> identity.status() == Identity.Status.ACTIVE
                        ? identity.attributes() : identity.attributes().withActive(false))
                .orElse(change.snapshot().withActive(false));
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

    private static void awaitQuietly(CompletableFuture<Void> work) {
        try {
            work.join();
        } catch (RuntimeException e) {
            // The step route handles its own failures; this is its error handling failing.
            LOG.warn("Identity provisioning work did not complete: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        wakeThread.shutdownNow();
        stepThreads.shutdownNow();
    }
}
