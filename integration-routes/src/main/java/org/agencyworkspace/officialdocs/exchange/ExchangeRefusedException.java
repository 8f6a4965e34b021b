package org.agencyworkspace.officialdocs.exchange;

import org.agencyworkspace.platform.RefusedException;

/** A dispatch or an exchange-page request refused, with what to change. */
class ExchangeRefusedException extends RefusedException {

    private static final long serialVersionUID = 1L;

    ExchangeRefusedException(Kind kind, String problem) {
        super(kind, "Document exchange refused", problem);
    }
}
