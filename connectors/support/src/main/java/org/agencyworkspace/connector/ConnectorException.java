package org.agencyworkspace.connector;

import java.util.Objects;

/**
 * A call to an outside system failed. Carries what an operator needs to act on it (the
 * connector, the HTTP status if there was one, the server's own error text and a sanitised URI)
 * and never a credential. Subclasses say whether repeating the call can help, so routes can retry
 * {@link TransientConnectorException} and dead-letter {@link PermanentConnectorException} at once.
 */
public abstract class ConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String connector;
    private final int status;
    private final String sanitizedUri;
    private final String serverMessage;

    protected ConnectorException(String connector, String summary, int status, String sanitizedUri,
            String serverMessage, Throwable cause) {
        super(describe(connector, summary, status, sanitizedUri, serverMessage), cause);
        this.connector = Objects.requireNonNull(connector, "connector");
        this.status = status;
        this.sanitizedUri = sanitizedUri;
        this.serverMessage = serverMessage;
    }

    /** Short name of the outside system, e.g. {@code keycloak}. */
    public String connector() {
        return connector;
    }

    /** HTTP status of the failed call, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The request URI without user info or secret query values; may be null. */
    public String sanitizedUri() {
        return sanitizedUri;
    }

    /** The error text the server sent, shortened; may be null. */
    public String serverMessage() {
        return serverMessage;
    }

    /** Whether repeating the same call later may succeed. */
    public abstract boolean retryable();

    private static String describe(String connector, String summary, int status, String uri,
            String serverMessage) {
        StringBuilder text = new StringBuilder(connector).append(": ").append(summary);
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (uri != null) {
            text.append(" at ").append(uri);
        }
        if (serverMessage != null && !serverMessage.isBlank()) {
            text.append(": ").append(serverMessage);
        }
        return text.toString();
    }
}
