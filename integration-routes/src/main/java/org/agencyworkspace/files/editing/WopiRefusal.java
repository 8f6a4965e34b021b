package org.agencyworkspace.files.editing;

import java.util.Map;

/**
 * A WOPI request answered with an error status and nothing changed. Every refusal is audited.
 *
 * @see WopiController
 */
class WopiRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;
    private final String body;

    WopiRefusal(int status, String reason) {
        this(status, reason, Map.of(), null);
    }

    WopiRefusal(int status, String reason, Map<String, String> headers, String body) {
        super(reason);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** A JSON body to send (Collabora's conflict code), or null. */
    String body() {
        return body;
    }
}
