package org.agencyworkspace.platform;

import org.slf4j.MDC;

/**
 * Names of the diagnostic context keys every log line and audit event can carry, and how to read
 * the current trace id from them.
 */
public final class RequestContext {

    /** Id of the HTTP request being served (from {@code X-Request-Id} or generated). */
    public static final String REQUEST_ID = "request.id";
    /** Login of the signed-in user serving the request. */
    public static final String USER = "user.name";
    /** Set by Camel when {@code camel.main.use-mdc-logging} is on. */
    public static final String CAMEL_EXCHANGE_ID = "camel.exchangeId";

    private RequestContext() {
    }

    /** The request id, else the Camel exchange id, else null. */
    public static String traceId() {
        String requestId = MDC.get(REQUEST_ID);
        return requestId != null ? requestId : MDC.get(CAMEL_EXCHANGE_ID);
    }
}
