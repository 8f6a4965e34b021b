package org.agencyworkspace.identity.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityStore;
import org.agencyworkspace.identity.IdentityChanges.Change;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetterListener;
import org.springframework.stereotype.Service;

/**
 * Applies the queued identity changes to every target app. Taking access away comes first and
 * waits for nothing: a change that removes access (a leave, lower clearance, fewer roles) is
 * revoked in every app at once, each app on its own, whatever state the person's other steps are
 * in. Then every change is applied in full, in order per person and app: each app has its own
 * lane, so a step one app keeps refusing (dead-lettered until replayed) holds back only that
 * app's later steps, and a later leave supersedes it. Different people proceed in parallel.
 */
@Service
public class IdentityProvisioning implements DeadLetterListener {

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

    private final IdentityChanges changes;
    private final IdentitySteps steps;
    private final IdentityTargets targets;
    private final AuditTrail audit;
    private final IdentityStore identities;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Long> revoking = ConcurrentHashMap.newKeySet();

    public IdentityProvisioning(IdentityChanges changes, IdentitySteps steps,
            IdentityTargets targets, IdentityStore identities, AuditTrail audit) {
        this.changes = changes;
        this.identities = identities;
        this.steps = steps;
        this.targets = targets;
        this.audit = audit;
    }

    /**
     * Changes that take access away and still need revoking, marked as in flight; each must be
     * passed to {@link #revoked} exactly once, when the revocation route is done with it.
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
     * each must be passed to {@link #release} exactly once, when the person route is done.
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
     * The steps that revoke what change {@code seq} takes away, one per app: the revocation
     * route runs them at once, each retried and dead-lettered on its own.
     */
    public List<String> revocationSteps(long seq) {
        return targets.names().stream().map(target -> seq + ":" + target + ACCESS).toList();
    }

    /** The revocation route is done with change {@code seq}, however its steps went. */
    public void revoked(long seq) {
        revoking.remove(seq);
    }

    /** One lane per app for {@code identityId}: the person route runs them at once. */
    public List<Lane> lanes(String identityId) {
        return targets.names().stream().map(target -> new Lane(identityId, target)).toList();
    }

    /**
     * The next step of {@code lane} to apply, if any: superseded steps are marked on the way,
     * and a lane stops at a step its app did not finish (refused, or failed and dead-lettered),
     * so that app's later steps wait for it.
     */
    public Optional<String> nextStep(Lane lane) {
        while (true) {
            Lanes.Next next = Lanes.next(changes.pendingFor(lane.identityId()),
                    steps.ofPending(lane.identityId()), lane.target());
            switch (next.action()) {
                case SUPERSEDE -> {
                    steps.ensure(next.seq(), lane.target());
                    steps.markSuperseded(next.seq(), lane.target(), next.leaveSeq());
                }
                case APPLY -> {
                    if (!lane.startStep(next.seq())) {
                        return Optional.empty();
                    }
                    return Optional.of(next.seq() + ":" + lane.target());
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }

    /** Marks done every pending change of {@code identityId} that every app has finished. */
    public void markFinished(String identityId) {
        Map<Long, Map<String, IdentitySteps.Status>> statuses = steps.ofPending(identityId);
        for (Change change : changes.pendingFor(identityId)) {
            Map<String, IdentitySteps.Status> ofChange =
                    statuses.getOrDefault(change.seq(), Map.of());
            if (targets.names().stream().allMatch(target -> ofChange.containsKey(target)
                    && ofChange.get(target).finished())) {
                changes.markDone(change.seq());
            }
        }
    }

    /** The person route is done with {@code identityId}: the next dispatch may hand it out. */
    public void release(String identityId) {
        inFlight.remove(identityId);
    }

    /**
     * One person's steps in one app, as the person route walks them. A step handed out twice in
     * a row was not finished by its app, so the lane stops there.
     */
    public static final class Lane {
        private final String identityId;
        private final String target;
        private long lastStep = -1;

        Lane(String identityId, String target) {
            this.identityId = identityId;
            this.target = target;
        }

        public String identityId() {
            return identityId;
        }

        public String target() {
            return target;
        }

        /** Whether {@code seq} is a step this lane has not tried yet in this run. */
        boolean startStep(long seq) {
            if (seq == lastStep) {
                return false;
            }
            lastStep = seq;
            return true;
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
}
