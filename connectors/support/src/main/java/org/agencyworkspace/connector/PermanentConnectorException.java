package org.agencyworkspace.connector;

/**
 * The outside system refused the request itself (HTTP 4xx other than 429, an invalid answer, a
 * misconfiguration). Repeating the same call will fail the same way.
 */
public class PermanentConnectorException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    public PermanentConnectorException(String connector, String summary, int status,
            String sanitizedUri, String serverMessage, Throwable cause) {
        super(connector, summary, status, sanitizedUri, serverMessage, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
