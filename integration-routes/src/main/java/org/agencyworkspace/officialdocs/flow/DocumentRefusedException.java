package org.agencyworkspace.officialdocs.flow;

import java.util.List;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.platform.RefusedException;

/**
 * A document action refused for a reason the person can act on. It was audited where it was
 * decided; nothing was signed or stored.
 */
public class DocumentRefusedException extends RefusedException {

    private static final long serialVersionUID = 1L;

    /** Why, with the kind of refusal (and so the HTTP status) it answers. */
    public enum Reason {
        INVALID(Kind.INVALID),
        NOT_FOUND(Kind.NOT_FOUND),
        /** The person holds no pending step of this document. */
        NOT_YOUR_STEP(Kind.FORBIDDEN),
        /** A level or an attachment above the person's clearance. */
        ABOVE_CLEARANCE(Kind.FORBIDDEN),
        WRONG_PASSPHRASE(Kind.UNAUTHENTICATED),
        LOCKED_OUT(Kind.FORBIDDEN),
        /** Expired, revoked, not yet valid or untrusted. */
        CERTIFICATE_UNUSABLE(Kind.FORBIDDEN),
        NO_CERTIFICATE(Kind.CONFLICT),
        /** The CA, the CRL or the time-stamp authority cannot be had: signing fails closed. */
        SIGNING_UNAVAILABLE(Kind.CONFLICT),
        /** The bytes differ from the ones the person saw, or from the ones last signed. */
        DOCUMENT_CHANGED(Kind.CONFLICT),
        /** The document is not in a state that allows the action. */
        WRONG_STATE(Kind.CONFLICT),
        /** No delegation rule or no holder of a role can take the step. */
        NO_DECIDER(Kind.CONFLICT),
        /** Only for documents of this level through another path (a labelled original). */
        NOT_SERVED(Kind.CONFLICT);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }
    }

    private final Reason reason;

    public DocumentRefusedException(Reason reason, List<String> problems) {
        super(reason.kind, "Official document: " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                problems);
        this.reason = reason;
        with("reason", reason.name());
    }

    public DocumentRefusedException(Reason reason, String problem) {
        this(reason, List.of(problem));
    }

    public Reason reason() {
        return reason;
    }

    /** The signing library's refusal in the flow's terms. */
    static Reason reasonOf(SigningRefusedException refused) {
        return switch (refused.reason()) {
            case WRONG_PASSPHRASE -> Reason.WRONG_PASSPHRASE;
            case LOCKED_OUT -> Reason.LOCKED_OUT;
            case NO_CERTIFICATE -> Reason.NO_CERTIFICATE;
            case CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID, CERTIFICATE_REVOKED, UNTRUSTED_CERTIFICATE,
                    UNUSABLE_KEY_FILE, NOT_THE_HOLDER -> Reason.CERTIFICATE_UNUSABLE;
            case REVOCATION_UNKNOWN, TIMESTAMP_FAILED -> Reason.SIGNING_UNAVAILABLE;
            case NOT_A_PDF -> Reason.DOCUMENT_CHANGED;
        };
    }
}
