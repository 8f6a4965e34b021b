package org.agencyworkspace.identity.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.agencyworkspace.identity.IdentityChanges.Change;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.provisioning.IdentitySteps.Status;
import org.agencyworkspace.identity.provisioning.Lanes.Action;
import org.junit.jupiter.api.Test;

/** The order in which one app receives a person's changes. */
class LanesTest {

    private static final Change JOIN = change(1, Kind.JOIN, true);
    private static final Change MOVE = change(2, Kind.MOVE, true);
    private static final Change LEAVE = change(3, Kind.LEAVE, false);

    @Test
    void changesAreAppliedInOrder() {
        assertThat(Lanes.next(List.of(JOIN, MOVE), Map.of(), "keycloak"))
                .isEqualTo(new Lanes.Next(Action.APPLY, 1, 0));
        assertThat(Lanes.next(List.of(JOIN, MOVE), Map.of(1L, Map.of("keycloak", Status.DONE)),
                "keycloak")).isEqualTo(new Lanes.Next(Action.APPLY, 2, 0));
    }

    /** Failed before the fix: one app's refused join held back every app's later changes. */
    @Test
    void aStepOneAppRefusedHoldsBackOnlyThatApp() {
        Map<Long, Map<String, Status>> statuses = Map.of(1L,
                Map.of("matrix", Status.FAILED, "keycloak", Status.DONE));

        assertThat(Lanes.next(List.of(JOIN, MOVE), statuses, "matrix").action())
                .isEqualTo(Action.HELD);
        assertThat(Lanes.next(List.of(JOIN, MOVE), statuses, "keycloak"))
                .isEqualTo(new Lanes.Next(Action.APPLY, 2, 0));
    }

    /** Failed before the fix: a refused join kept a leaver's accounts enabled. */
    @Test
    void aLaterLeaveSupersedesARefusedStepSoTheLeaveIsApplied() {
        Map<Long, Map<String, Status>> statuses = Map.of(1L, Map.of("matrix", Status.FAILED));

        assertThat(Lanes.next(List.of(JOIN, MOVE, LEAVE), statuses, "matrix"))
                .isEqualTo(new Lanes.Next(Action.SUPERSEDE, 1, 3));
        assertThat(Lanes.next(List.of(JOIN, MOVE, LEAVE),
                Map.of(1L, Map.of("matrix", Status.SKIPPED)), "matrix"))
                .isEqualTo(new Lanes.Next(Action.SUPERSEDE, 2, 3));
        assertThat(Lanes.next(List.of(JOIN, MOVE, LEAVE), Map.of(
                1L, Map.of("matrix", Status.SKIPPED), 2L, Map.of("matrix", Status.SKIPPED)),
                "matrix")).isEqualTo(new Lanes.Next(Action.APPLY, 3, 0));
    }

    @Test
    void anUpdateOfSomeoneWhoIsGoneCountsAsALeave() {
        Change inactiveUpdate = change(2, Kind.MOVE, false);

        assertThat(Lanes.next(List.of(JOIN, inactiveUpdate), Map.of(), "nextcloud"))
                .isEqualTo(new Lanes.Next(Action.SUPERSEDE, 1, 2));
    }

    @Test
    void aReturningPersonsJoinAfterTheLeaveIsNotSuperseded() {
        Change rejoin = change(4, Kind.JOIN, true);
        Map<Long, Map<String, Status>> statuses = Map.of(3L, Map.of("keycloak", Status.DONE));

        assertThat(Lanes.next(List.of(LEAVE, rejoin), statuses, "keycloak"))
                .isEqualTo(new Lanes.Next(Action.APPLY, 4, 0));
    }

    @Test
    void aLaneWithEverythingFinishedIsClear() {
        assertThat(Lanes.next(List.of(JOIN), Map.of(1L, Map.of("keycloak", Status.DONE)),
                "keycloak").action()).isEqualTo(Action.CLEAR);
    }

    private static Change change(long seq, Kind kind, boolean active) {
        return new Change(seq, "id-1", kind, new IdentityDraft("wang", null, null, null, "Wang",
                null, "wang@agency.test", null, List.of("it"), List.of("staff"), "secret", active),
                kind == Kind.LEAVE || !active);
    }
}
