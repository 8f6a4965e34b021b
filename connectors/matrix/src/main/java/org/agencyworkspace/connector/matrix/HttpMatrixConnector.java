package org.agencyworkspace.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.UriSanitizer;

final class HttpMatrixConnector implements MatrixConnector {

    static final String NAME = "matrix";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI versionsUri;
    private final HttpExchanger http;

    HttpMatrixConnector(URI homeserverUrl, Duration connectTimeout, Duration requestTimeout) {
        this.versionsUri = URI.create(homeserverUrl.toString().replaceAll("/+$", "")
                + "/_matrix/client/versions");
        this.http = new HttpExchanger(NAME, connectTimeout, requestTimeout);
    }

    @Override
    public List<String> supportedVersions() {
        String body = http.send(http.request(versionsUri).GET().build());
        JsonNode versions;
        try {
            versions = JSON.readTree(body).get("versions");
        } catch (IOException e) {
            versions = null;
        }
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            throw new PermanentConnectorException(NAME, "not a Matrix versions document", 200,
                    UriSanitizer.sanitize(versionsUri), null, null);
        }
        List<String> result = new ArrayList<>();
        versions.forEach(version -> result.add(version.asText()));
        return List.copyOf(result);
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            List<String> versions = supportedVersions();
            String newest = versions.get(versions.size() - 1);
            return ProbeResult.up("Client-Server API up to " + newest, Map.of("version", newest));
        });
    }
}
