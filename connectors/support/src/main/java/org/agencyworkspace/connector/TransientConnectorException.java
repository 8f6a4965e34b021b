package org.agencyworkspace.connector;

/**
 * The outside system could not be reached or was temporarily unable to answer (I/O error,
 * timeout, HTTP 5xx, HTTP 429). Repeating the call later may succeed.
 */
public class TransientConnectorException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    public TransientConnectorException(String connector, String summary, int status,
            String sanitizedUri, String serverMessage, Throwable cause) {
        super(connector, summary, status, sanitizedUri, serverMessage, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
