package org.agencyworkspace.connector.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.UriSanitizer;

final class HttpKeycloakConnector implements KeycloakConnector {

    static final String NAME = "keycloak";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI discoveryUri;
    private final HttpExchanger http;

    HttpKeycloakConnector(URI baseUrl, String realm, Duration connectTimeout,
            Duration requestTimeout) {
        String root = baseUrl.toString().replaceAll("/+$", "");
        this.discoveryUri = URI.create(root + "/realms/"
                + URLEncoder.encode(realm, StandardCharsets.UTF_8)
                + "/.well-known/openid-configuration");
        this.http = new HttpExchanger(NAME, connectTimeout, requestTimeout);
    }

    @Override
    public OidcDiscovery discover() {
        String body = http.send(http.request(discoveryUri).GET().build());
        try {
            JsonNode document = JSON.readTree(body);
            return new OidcDiscovery(uri(document, "issuer"), uri(document, "authorization_endpoint"),
                    uri(document, "token_endpoint"), uri(document, "jwks_uri"));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new PermanentConnectorException(NAME, "not an OpenID discovery document", 200,
                    UriSanitizer.sanitize(discoveryUri), e.getMessage(), e);
        }
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            OidcDiscovery discovery = discover();
            return ProbeResult.up("realm issuer " + discovery.issuer(),
                    Map.of("issuer", discovery.issuer().toString()));
        });
    }

    private static URI uri(JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return URI.create(value.asText());
    }
}
