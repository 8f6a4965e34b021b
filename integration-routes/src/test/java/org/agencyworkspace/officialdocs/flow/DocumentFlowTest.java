package org.agencyworkspace.officialdocs.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.Signature;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.State;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.Status;
import org.agencyworkspace.officialdocs.flow.DocumentFlow.Step;
import org.junit.jupiter.api.Test;

class DocumentFlowTest {

    private static final List<String> UNITS = List.of("security", "accounting", "personnel");

    @Test
    void reviewThenParallelCoSigningInAnyOrderThenTheDecisionApproves() {
        State state = DocumentFlow.submit(State.draft(List.of("security", "accounting")));
        state = DocumentFlow.sign(state, Step.REVIEW, "");
        assertThat(state.status()).isEqualTo(Status.CO_SIGN);
        state = DocumentFlow.sign(state, Step.CO_SIGN, "accounting");
        assertThat(state.status()).isEqualTo(Status.CO_SIGN);
        assertThat(state.coSignPending()).containsExactly("security");
        state = DocumentFlow.sign(state, Step.CO_SIGN, "security");
        assertThat(state.status()).isEqualTo(Status.DECISION);
        state = DocumentFlow.sign(state, Step.DECISION, "");
        assertThat(state.status()).isEqualTo(Status.APPROVED);
        assertThat(state.fullySigned()).isTrue();
        assertThat(state.signatures()).containsExactly(new Signature(Step.REVIEW, ""),
                new Signature(Step.CO_SIGN, "accounting"), new Signature(Step.CO_SIGN, "security"),
                new Signature(Step.DECISION, ""));
    }

    @Test
    void withoutCoSigningReviewGoesStraightToTheDecision() {
        State state = DocumentFlow.sign(DocumentFlow.submit(State.draft(List.of())), Step.REVIEW, "");
        assertThat(state.status()).isEqualTo(Status.DECISION);
    }

    @Test
    void aDecisionBeforeTheReviewOrASecondCoSignatureOfOneDepartmentIsRefused() {
        State review = DocumentFlow.submit(State.draft(List.of("security")));
        assertThatThrownBy(() -> DocumentFlow.sign(review, Step.DECISION, "")).isInstanceOf(IllegalStateException.class);
        State coSign = DocumentFlow.sign(review, Step.REVIEW, "");
        State once = DocumentFlow.sign(DocumentFlow.submit(State.draft(List.of("security", "personnel"))), Step.REVIEW, "");
        State signedOnce = DocumentFlow.sign(once, Step.CO_SIGN, "security");
        assertThatThrownBy(() -> DocumentFlow.sign(signedOnce, Step.CO_SIGN, "security"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DocumentFlow.sign(coSign, Step.CO_SIGN, "accounting"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReturnEndsTheRoundAndTheNextRoundStartsWithoutItsSignatures() {
        State state = DocumentFlow.sign(DocumentFlow.submit(State.draft(List.of())), Step.REVIEW, "");
        State returned = DocumentFlow.returned(state);
        assertThat(returned.status()).isEqualTo(Status.RETURNED);
        assertThat(returned.signatures()).isEmpty();
        State again = DocumentFlow.submit(returned);
        assertThat(again.round()).isEqualTo(2);
        assertThatThrownBy(() -> DocumentFlow.sign(again, Step.DECISION, "")).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Seeded property: random sequences of every action (allowed or not) never reach APPROVED
     * without the review, each co-signing department and the decision, in that order.
     */
    @Test
    void randomActionSequencesNeverApproveWithoutEverySignatureInOrder() {
        long seed = Long.getLong("flow.seed", 20261207L);
        Random random = new Random(seed);
        int approvals = 0;
        for (int run = 0; run < 5_000; run++) {
            List<String> coSign = new ArrayList<>(UNITS.subList(0, random.nextInt(UNITS.size() + 1)));
            State state = State.draft(coSign);
            List<String> trail = new ArrayList<>();
            for (int action = 0; action < 30; action++) {
                int choice = random.nextInt(6);
                String unit = UNITS.get(random.nextInt(UNITS.size()));
                trail.add(choice + ":" + unit);
                try {
                    state = switch (choice) {
                        case 0 -> DocumentFlow.submit(state);
                        case 1 -> DocumentFlow.sign(state, Step.REVIEW, "");
                        case 2 -> DocumentFlow.sign(state, Step.CO_SIGN, unit);
                        case 3 -> DocumentFlow.sign(state, Step.DECISION, "");
                        case 4 -> DocumentFlow.returned(state);
                        default -> DocumentFlow.revise(state, UNITS.subList(0, random.nextInt(UNITS.size() + 1)));
                    };
                } catch (IllegalStateException refused) {
                    // not allowed in this state: the state stays as it was
                }
                if (state.status() == Status.APPROVED) {
                    approvals++;
                    assertThat(state.fullySigned()).as("seed %d run %d trail %s", seed, run, trail).isTrue();
                    assertThat(state.signatures().get(0).step()).as("seed %d run %d", seed, run).isEqualTo(Step.REVIEW);
                    assertThat(state.signatures().stream().filter(s -> s.step() == Step.CO_SIGN)
                            .map(Signature::department).toList()).as("seed %d run %d trail %s", seed, run, trail)
                            .containsExactlyInAnyOrderElementsOf(state.coSign());
                    assertThat(state.signatures().get(state.signatures().size() - 1).step()).isEqualTo(Step.DECISION);
                    break;
                }
            }
        }
        // the property must have been exercised, not vacuously true
        assertThat(approvals).as("seed %d", seed).isGreaterThan(20);
    }
}
