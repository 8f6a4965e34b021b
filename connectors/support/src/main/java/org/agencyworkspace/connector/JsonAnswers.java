package org.agencyworkspace.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Objects;

/**
 * Reads fields of a server's JSON answer for one connector. A field that must be there and is
 * not becomes a {@link PermanentConnectorException} naming the connector and the sanitised URI,
 * so a malformed answer is reported the same way by every connector.
 */
public final class JsonAnswers {

    private final String connector;

    public JsonAnswers(String connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** The field as text; null when absent, null, or an object or array. */
    public String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /**
     * The field as non-empty text.
     *
     * @throws PermanentConnectorException when it is missing or empty
     */
    public String requiredText(JsonNode node, String field, URI uri) {
        String value = optionalText(node, field);
        if (value == null || value.isEmpty()) {
            throw malformed(uri, "answer lacks " + field, null);
        }
        return value;
    }

    /** The field as a boolean; false when absent (servers that answer 0/1 are read too). */
    public boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.asBoolean();
    }

    /** The exception for an answer that is not what the API documents. */
    public PermanentConnectorException malformed(URI uri, String summary, String detail) {
        return new PermanentConnectorException(connector, summary, 200, UriSanitizer.sanitize(uri),
                detail, null);
    }
}
