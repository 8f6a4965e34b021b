package org.agencyworkspace.connector.syncope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.UriSanitizer;

/**
 * Maps a Syncope error answer to a typed exception. Syncope's {@code RestServiceExceptionMapper}
 * sends one {@code X-Application-Error-Code} per error (its {@code ClientExceptionType} name), one
 * {@code X-Application-Error-Info} per detail as {@code Code:detail}, and an {@code ErrorTO} body
 * ({@code {"status":..,"type":..,"elements":[..]}}, or an array of them for a composite error).
 */
final class SyncopeErrors {

    static final String ERROR_CODE_HEADER = "X-Application-Error-Code";
    static final String ERROR_INFO_HEADER = "X-Application-Error-Info";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 300;
    private static final Set<String> INVALID_REQUEST_CODES = Set.of("DataIntegrityViolation",
            "RequiredValuesMissing", "RESTValidation", "GenericPersistence", "Composite");

    private SyncopeErrors() {
    }

    /** The exception for a non-2xx answer to {@code action}. */
    static ConnectorException failure(String action, HttpResponse<String> response) {
        int status = response.statusCode();
        String uri = UriSanitizer.sanitize(response.request().uri());
        List<String> codes = response.headers().allValues(ERROR_CODE_HEADER);
        List<String> info = details(codes, response);
        if (status >= 500 || status == 429) {
            List<String> said = new ArrayList<>(codes);
            said.addAll(info);
            return new TransientConnectorException(HttpSyncopeConnector.NAME, action + " failed",
                    status, uri, said.isEmpty() ? null : String.join("; ", said), null);
        }
        String refused = action + " refused";
        String code = codes.isEmpty() ? "" : codes.get(0);
        if (status == 412 || code.equals("ConcurrentModification")) {
            return new SyncopeConcurrentModificationException(refused, status, uri, codes, info);
        }
        if (code.equals("NotFound")) {
            return new SyncopeNotFoundException(refused, status, uri, codes, info);
        }
        if (code.equals("EntityExists")) {
            return new SyncopeEntityExistsException(refused, status, uri, codes, info);
        }
        if (code.equals("DelegatedAdministration") || status == 401 || status == 403) {
            return new SyncopeAccessDeniedException(refused, status, uri, codes, info);
        }
        if (code.startsWith("Invalid") || INVALID_REQUEST_CODES.contains(code)) {
            return new SyncopeInvalidRequestException(refused, status, uri, codes, info);
        }
        if (status == 404) {
            return new SyncopeRefusedException(refused + ": no Syncope REST resource here, check"
                    + " baseUrl (it should end in /syncope/rest)", status, uri, codes, info);
        }
        return new SyncopeRefusedException(refused, status, uri, codes, info);
    }

    /**
     * The details: the info headers without their {@code Code:} prefix, else the elements of the
     * {@code ErrorTO} body, else the body text itself, shortened.
     */
    private static List<String> details(List<String> codes, HttpResponse<String> response) {
        List<String> headers = response.headers().allValues(ERROR_INFO_HEADER);
        if (!headers.isEmpty()) {
            return headers.stream().map(value -> withoutCode(codes, value)).toList();
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode errors = JSON.readTree(body);
            List<String> elements = new ArrayList<>();
            for (JsonNode error : errors.isArray() ? errors : List.of(errors)) {
                error.path("elements").forEach(element -> elements.add(element.asText()));
            }
            if (!elements.isEmpty()) {
                return elements;
            }
        } catch (JsonProcessingException e) {
            // Not an ErrorTO (a proxy's or servlet container's page): its text is all there is.
        }
        String oneLine = body.replaceAll("\\s+", " ");
        return List.of(oneLine.length() <= MAX_TEXT ? oneLine
                : oneLine.substring(0, MAX_TEXT) + "…");
    }

    private static String withoutCode(List<String> codes, String value) {
        for (String code : codes) {
            if (value.startsWith(code + ":")) {
                return value.substring(code.length() + 1).strip();
            }
        }
        return value;
    }
}
