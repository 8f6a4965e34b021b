package org.agencyworkspace.officialdocs.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 簽辦 state machine, free of storage: which status a document is in, which signatures its
 * current round holds, and what each action makes of it. An action not allowed in the status is
 * an {@link IllegalStateException}; the service refuses it before anything is written. A round
 * reaches {@link Status#APPROVED} only through a review signature, one signature per co-signing
 * department and the decision, in that order.
 */
public final class DocumentFlow {

    /** Where a document stands. */
    public enum Status { DRAFT, REVIEW, CO_SIGN, DECISION, APPROVED, RETURNED }

    /** An approval step, each answered by a signature. */
    public enum Step {
        /** 核稿. */
        REVIEW("核稿"),
        /** 會辦, one per department, in parallel. */
        CO_SIGN("會辦"),
        /** 決行. */
        DECISION("決行");

        private final String nameZh;

        Step(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    /** A signature of the current round; {@code department} is empty but for co-signing. */
    public record Signature(Step step, String department) {
    }

    /**
     * @param coSign the departments asked to co-sign
     * @param signatures the current round's signatures, in the order made
     */
    public record State(Status status, int round, List<String> coSign, List<Signature> signatures) {

        public State {
            coSign = List.copyOf(new LinkedHashSet<>(coSign));
            signatures = List.copyOf(signatures);
        }

        /** A new draft. */
        public static State draft(List<String> coSign) {
            return new State(Status.DRAFT, 0, coSign, List.of());
        }

        /** The co-signing departments that have not signed yet. */
        public List<String> coSignPending() {
            Set<String> signed = new LinkedHashSet<>();
            signatures.stream().filter(signature -> signature.step() == Step.CO_SIGN)
                    .forEach(signature -> signed.add(signature.department()));
            return coSign.stream().filter(department -> !signed.contains(department)).toList();
        }

        /** The step a signature now answers, or null when none waits. */
        public Step waitingStep() {
            return switch (status) {
                case REVIEW -> Step.REVIEW;
                case CO_SIGN -> Step.CO_SIGN;
                case DECISION -> Step.DECISION;
                default -> null;
            };
        }

        /** Whether the drafter may change the text and attachments. */
        public boolean editable() {
            return status == Status.DRAFT || status == Status.RETURNED;
        }

        /**
         * Whether the round carries every required signature in order: the review first, each
         * co-signing department once, the decision last.
         */
        public boolean fullySigned() {
            if (signatures.size() != coSign.size() + 2) {
                return false;
            }
            if (signatures.get(0).step() != Step.REVIEW
                    || signatures.get(signatures.size() - 1).step() != Step.DECISION) {
                return false;
            }
            List<String> middle = signatures.subList(1, signatures.size() - 1).stream()
                    .map(signature -> signature.step() == Step.CO_SIGN ? signature.department() : null).toList();
            return middle.size() == coSign.size() && new LinkedHashSet<>(middle).equals(new LinkedHashSet<>(coSign));
        }
    }

    private DocumentFlow() {
    }

    /** Sends a draft, or a returned document, to review in a new round. */
    public static State submit(State state) {
        require(state.editable(), "only a draft or a returned document is submitted, not one in " + state.status());
        return new State(Status.REVIEW, state.round() + 1, state.coSign(), List.of());
    }

    /**
     * A signature for {@code step} ({@code department} for co-signing): review goes on to
     * co-signing (or straight to the decision when no department is asked), the last co-signature
     * to the decision, the decision approves.
     */
    public static State sign(State state, Step step, String department) {
        require(state.waitingStep() == step, step + " is not the step waiting (" + state.status() + ")");
        List<Signature> signatures = new ArrayList<>(state.signatures());
        return switch (step) {
            case REVIEW -> {
                signatures.add(new Signature(Step.REVIEW, ""));
                yield new State(state.coSign().isEmpty() ? Status.DECISION : Status.CO_SIGN, state.round(),
                        state.coSign(), signatures);
            }
            case CO_SIGN -> {
                require(state.coSignPending().contains(department),
                        "department " + department + " is not waiting to co-sign");
                signatures.add(new Signature(Step.CO_SIGN, department));
                State after = new State(Status.CO_SIGN, state.round(), state.coSign(), signatures);
                yield after.coSignPending().isEmpty()
                        ? new State(Status.DECISION, state.round(), state.coSign(), signatures) : after;
            }
            case DECISION -> {
                signatures.add(new Signature(Step.DECISION, ""));
                State approved = new State(Status.APPROVED, state.round(), state.coSign(), signatures);
                require(approved.fullySigned(), "a decision without every earlier signature");
                yield approved;
            }
        };
    }

    /** 退回: back to the drafter from any step; the round's signatures stay only in the history. */
    public static State returned(State state) {
        require(state.waitingStep() != null, "only a document waiting for a step is returned, not one in "
                + state.status());
        return new State(Status.RETURNED, state.round(), state.coSign(), List.of());
    }

    /** The drafter changes the co-signing departments of a draft or returned document. */
    public static State revise(State state, List<String> coSign) {
        require(state.editable(), "only a draft or a returned document is changed, not one in " + state.status());
        return new State(state.status(), state.round(), coSign, List.of());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
