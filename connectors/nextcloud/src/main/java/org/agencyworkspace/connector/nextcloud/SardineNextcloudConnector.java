package org.agencyworkspace.connector.nextcloud;

import com.github.sardine.DavResource;
import com.github.sardine.Sardine;
import com.github.sardine.impl.SardineException;
import com.github.sardine.impl.SardineImpl;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClientBuilder;

final class SardineNextcloudConnector implements NextcloudConnector {

    static final String NAME = "nextcloud";

    private final String userRoot;
    private final Sardine sardine;

    SardineNextcloudConnector(URI davUrl, String username, String password,
            Duration connectTimeout, Duration requestTimeout) {
        this.userRoot = davUrl.toString().replaceAll("/+$", "") + "/files/"
                + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20") + "/";
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setConnectionRequestTimeout((int) connectTimeout.toMillis())
                .setSocketTimeout((int) requestTimeout.toMillis())
                .build();
        this.sardine = new SardineImpl(HttpClientBuilder.create().setDefaultRequestConfig(timeouts),
                username, password);
        // Send credentials on the first request instead of waiting for a 401 challenge.
        enablePreemptiveAuthentication(davUrl);
    }

    private void enablePreemptiveAuthentication(URI davUrl) {
        try {
            // The URL form keeps the port; the host-name form only covers ports 80 and 443.
            sardine.enablePreemptiveAuthentication(davUrl.toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("davUrl is not a URL: " + davUrl, e);
        }
    }

    @Override
    public boolean userRootReadable() {
        try {
            List<DavResource> listing = sardine.list(userRoot, 0);
            return !listing.isEmpty();
        } catch (SardineException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw translate(e);
        } catch (IOException e) {
            throw new TransientConnectorException(NAME, "cannot reach WebDAV server", 0,
                    UriSanitizer.sanitize(URI.create(userRoot)), e.getMessage(), e);
        }
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> userRootReadable()
                ? ProbeResult.up("WebDAV folder readable", Map.of("folder", userRoot))
                : ProbeResult.down("WebDAV folder " + userRoot + " not found"));
    }

    @Override
    public void close() {
        try {
            sardine.shutdown();
        } catch (IOException e) {
            // Shutting down only releases pooled connections; nothing is lost if it fails.
        }
    }

    private ConnectorException translate(SardineException e) {
        int status = e.getStatusCode();
        String uri = UriSanitizer.sanitize(URI.create(userRoot));
        if (status >= 500 || status == 429) {
            return new TransientConnectorException(NAME, "PROPFIND failed", status, uri,
                    e.getResponsePhrase(), e);
        }
        return new PermanentConnectorException(NAME, "PROPFIND refused", status, uri,
                e.getResponsePhrase(), e);
    }
}
