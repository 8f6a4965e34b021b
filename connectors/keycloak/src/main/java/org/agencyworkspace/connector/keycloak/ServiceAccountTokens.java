package org.agencyworkspace.connector.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.UriSanitizer;

/**
 * Access tokens of a confidential client's service account (client-credentials grant), shared by
 * every thread of one {@link HttpKeycloakAdmin}. A token is reused until shortly before it
 * expires; one that Keycloak rejected is dropped, so the next call fetches a fresh one. Never
 * shows the secret in {@link #toString()}.
 */
final class ServiceAccountTokens {

    /** Renew this long before expiry, so a token does not expire on its way to Keycloak. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchanger http;
    private final URI tokenUri;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private long renewAtNanos;

    ServiceAccountTokens(HttpExchanger http, URI tokenUri, String clientId, String clientSecret) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** A token that should still be valid, fetching one when there is none or it is due. */
    synchronized String current() {
        if (token == null || System.nanoTime() - renewAtNanos >= 0) {
            fetch();
        }
        return token;
    }

    /** Forgets {@code rejected}, unless another thread has already replaced it. */
    synchronized void reject(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret);
        long requestedAt = System.nanoTime();
        String body = http.send(http.request(tokenUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("token answer is not JSON", e.getOriginalMessage());
        }
        JsonNode accessToken = answer == null ? null : answer.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw malformed("token answer lacks access_token", null);
        }
        JsonNode expiresIn = answer.get("expires_in");
        long lifetimeSeconds = expiresIn != null && expiresIn.canConvertToLong()
                ? expiresIn.asLong() : 0;
        token = accessToken.asText();
        renewAtNanos = requestedAt + Duration.ofSeconds(lifetimeSeconds)
                .minus(RENEW_BEFORE_EXPIRY).toNanos();
    }

    private PermanentConnectorException malformed(String summary, String detail) {
        return new PermanentConnectorException(HttpKeycloakConnector.NAME, summary, 200,
                UriSanitizer.sanitize(tokenUri), detail, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ServiceAccountTokens[clientId=" + clientId + ", clientSecret=******]";
    }
}
