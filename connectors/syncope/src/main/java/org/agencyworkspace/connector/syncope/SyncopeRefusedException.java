package org.agencyworkspace.connector.syncope;

import java.util.List;
import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * Syncope refused the request (HTTP 4xx). Keeps what Syncope said: the
 * {@code X-Application-Error-Code} values (its {@code ClientExceptionType}, e.g.
 * {@code InvalidValues}) and the {@code X-Application-Error-Info} details, without the
 * {@code Code:} prefix Syncope puts on each. Repeating the same request fails the same way.
 *
 * <p>The subclasses name the refusals a caller handles differently; anything else arrives as
 * this class (for example a 404 without an error code, which means the base URL does not lead to
 * Syncope's REST API).
 */
public class SyncopeRefusedException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    private final List<String> errorCodes;
    private final List<String> errorInfo;

    public SyncopeRefusedException(String summary, int status, String sanitizedUri,
            List<String> errorCodes, List<String> errorInfo) {
        super(HttpSyncopeConnector.NAME, summary, status, sanitizedUri,
                describe(errorCodes, errorInfo), null);
        this.errorCodes = List.copyOf(errorCodes);
        this.errorInfo = List.copyOf(errorInfo);
    }

    /** The first {@code X-Application-Error-Code}, or null when Syncope sent none. */
    public String errorCode() {
        return errorCodes.isEmpty() ? null : errorCodes.get(0);
    }

    /** Every {@code X-Application-Error-Code} (several when Syncope reports a composite error). */
    public List<String> errorCodes() {
        return errorCodes;
    }

    /** Every {@code X-Application-Error-Info} detail, e.g. {@code User ann.lee}. */
    public List<String> errorInfo() {
        return errorInfo;
    }

    private static String describe(List<String> codes, List<String> info) {
        String described = String.join(", ", codes);
        if (!info.isEmpty()) {
            described = (described.isEmpty() ? "" : described + ": ") + String.join("; ", info);
        }
        return described.isEmpty() ? null : described;
    }
}
