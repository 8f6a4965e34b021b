package org.agencyworkspace.connector.syncope;

import java.util.List;

/**
 * Syncope refused the content of the request: a value its schema or validators reject
 * ({@code InvalidValues}, {@code InvalidUser} and the other {@code Invalid...} codes), a mandatory
 * attribute missing ({@code RequiredValuesMissing}), a database constraint the change would break
 * ({@code DataIntegrityViolation}, HTTP 409, e.g. a unique attribute value another user holds), a
 * malformed search ({@code InvalidSearchParameters}) or a request failing Syncope's own
 * validation ({@code RESTValidation}). The error info names the attribute or rule.
 */
public final class SyncopeInvalidRequestException extends SyncopeRefusedException {

    private static final long serialVersionUID = 1L;

    public SyncopeInvalidRequestException(String summary, int status, String sanitizedUri,
            List<String> errorCodes, List<String> errorInfo) {
        super(summary, status, sanitizedUri, errorCodes, errorInfo);
    }
}
