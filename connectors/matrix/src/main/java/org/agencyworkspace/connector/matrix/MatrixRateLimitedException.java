package org.agencyworkspace.connector.matrix;

import java.time.Duration;
import org.agencyworkspace.connector.TransientConnectorException;

/**
 * The homeserver answered 429 {@code M_LIMIT_EXCEEDED}. Carries how long it asked us to wait
 * ({@code Retry-After} header, else the deprecated {@code retry_after_ms} body field), so a caller
 * can honour it instead of guessing a backoff.
 */
public class MatrixRateLimitedException extends TransientConnectorException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public MatrixRateLimitedException(String connector, String sanitizedUri, String serverMessage,
            Duration retryAfter) {
        super(connector, "rate limited, retry after " + retryAfter.toMillis() + " ms", 429,
                sanitizedUri, serverMessage, null);
        this.retryAfter = retryAfter;
    }

    /** How long the homeserver asked us to wait before sending again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
