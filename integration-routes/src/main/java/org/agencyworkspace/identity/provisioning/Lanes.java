package org.agencyworkspace.identity.provisioning;

import java.util.List;
import java.util.Map;
import org.agencyworkspace.identity.IdentityChanges;
import org.agencyworkspace.identity.IdentityChanges.Change;
import org.agencyworkspace.identity.provisioning.IdentitySteps.Status;

/**
 * The order in which one app receives a person's changes. Each app has its own lane: a step one
 * app refused holds back that app's later steps only (they build on it), never another app's.
 * A later leave supersedes every earlier change in the lane, refused ones included, so a
 * person who left is never kept in an app by a join that could not be applied.
 */
final class Lanes {

    /** What the lane does next. */
    enum Action {
        /** Apply the step of change {@code seq}. */
        APPLY,
        /** Finish the step of change {@code seq} unapplied: leave {@code leaveSeq} makes it moot. */
        SUPERSEDE,
        /** A refused step waits for an operator (replay or discard). */
        HELD,
        /** Nothing left to do. */
        CLEAR
    }

    record Next(Action action, long seq, long leaveSeq) {

        static final Next HELD = new Next(Action.HELD, 0, 0);
        static final Next CLEAR = new Next(Action.CLEAR, 0, 0);

        boolean actionable() {
            return action == Action.APPLY || action == Action.SUPERSEDE;
        }
    }

    private Lanes() {
    }

    /**
     * @param pending the person's pending changes, oldest first
     * @param statuses step statuses by change and target; a missing step is still to do
     */
    static Next next(List<Change> pending, Map<Long, Map<String, Status>> statuses,
            String target) {
        for (int i = 0; i < pending.size(); i++) {
            Change change = pending.get(i);
            Status status = statuses.getOrDefault(change.seq(), Map.of())
                    .getOrDefault(target, Status.PENDING);
            if (status.finished()) {
                continue;
            }
            for (Change later : pending.subList(i + 1, pending.size())) {
                if (IdentityChanges.isLeave(later)) {
                    return new Next(Action.SUPERSEDE, change.seq(), later.seq());
                }
            }
            return status == Status.FAILED ? Next.HELD : new Next(Action.APPLY, change.seq(), 0);
        }
        return Next.CLEAR;
    }
}
