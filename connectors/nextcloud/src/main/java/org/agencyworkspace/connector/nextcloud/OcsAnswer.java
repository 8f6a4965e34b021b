package org.agencyworkspace.connector.nextcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;

/**
 * One OCS envelope, successful or not.
 *
 * @param httpStatus the HTTP status it came with
 * @param statusCode {@code ocs.meta.statuscode}
 * @param message {@code ocs.meta.message}, empty when absent
 * @param data {@code ocs.data}, a missing node when absent
 * @param sanitizedUri the request URI, safe to show
 */
record OcsAnswer(int httpStatus, int statusCode, String message, JsonNode data,
        String sanitizedUri) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** OCS v1 success. */
    private static final int OK_V1 = 100;
    /** No such object, or not visible to this account ({@code RESPOND_NOT_FOUND}). */
    static final int NOT_FOUND = 998;
    /** Wrong credentials or missing rights ({@code RESPOND_UNAUTHORISED}). */
    static final int UNAUTHORISED = 997;
    /** {@code RESPOND_SERVER_ERROR} and {@code RESPOND_UNKNOWN_ERROR}: v2 sends them as 500. */
    private static final int SERVER_ERROR = 996;
    private static final int UNKNOWN_ERROR = 999;

    /** The envelope in {@code body}, or empty when the body is not one. */
    static Optional<OcsAnswer> parse(int httpStatus, String body, String sanitizedUri) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode meta;
        JsonNode ocs;
        try {
            ocs = JSON.readTree(body).path("ocs");
            meta = ocs.path("meta");
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        Optional<Integer> statusCode = integer(meta.path("statuscode"));
        if (statusCode.isEmpty()) {
            return Optional.empty();
        }
        JsonNode message = meta.path("message");
        return Optional.of(new OcsAnswer(httpStatus, statusCode.get(),
                message.isTextual() ? message.asText() : "",
                ocs.has("data") ? ocs.get("data") : MissingNode.getInstance(), sanitizedUri));
    }

    /** v1 reports success as 100, v2 as the HTTP status it sends (200). */
    boolean ok() {
        return statusCode == OK_V1 || (statusCode >= 200 && statusCode < 300);
    }

    /** OCS 998, or 404 from {@code OCSNotFoundException} ("User does not exist"). */
    boolean notFound() {
        return statusCode == NOT_FOUND || statusCode == 404;
    }

    /**
     * {@code ocs.data} of a successful answer.
     *
     * @throws ConnectorException {@link #refusal} of anything else
     */
    JsonNode dataOrThrow(String summary) {
        if (ok()) {
            return data;
        }
        throw refusal(summary);
    }

    /**
     * The exception for a failed answer: transient for server-side errors (v1 carries them in
     * HTTP 200), {@link OcsRefusedException} for everything else.
     */
    ConnectorException refusal(String summary) {
        if (statusCode == SERVER_ERROR || statusCode == UNKNOWN_ERROR) {
            return new TransientConnectorException(SardineNextcloudConnector.NAME, summary,
                    httpStatus, sanitizedUri, describe(statusCode, message), null);
        }
        String reason = statusCode == UNAUTHORISED
                ? summary + ": login, app password or admin rights refused" : summary;
        return new OcsRefusedException(reason, httpStatus, sanitizedUri, statusCode, message);
    }

    /** The exception for a successful answer whose data lacks what the API documents. */
    PermanentConnectorException malformed(String what) {
        return new PermanentConnectorException(SardineNextcloudConnector.NAME,
                "answer is not " + what, httpStatus, sanitizedUri, null, null);
    }

    static String describe(int statusCode, String message) {
        return "OCS " + statusCode + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static Optional<Integer> integer(JsonNode node) {
        if (node.isInt()) {
            return Optional.of(node.intValue());
        }
        if (node.isTextual() && node.asText().matches("\\d{1,4}")) {
            return Optional.of(Integer.parseInt(node.asText()));
        }
        return Optional.empty();
    }
}
