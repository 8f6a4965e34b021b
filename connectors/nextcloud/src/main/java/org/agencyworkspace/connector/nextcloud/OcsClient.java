package org.agencyworkspace.connector.nextcloud;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.UriSanitizer;

/**
 * Sends OCS requests under one API root, such as {@code /ocs/v{1,2}.php/cloud} (provisioning) or
 * {@code /ocs/v2.php/apps/files_sharing/api/v1} (shares), with the headers OCS needs and hands
 * back the envelope, whether it reports success or a refusal. Only failures without an envelope
 * (I/O, 5xx, 429, a body that is not OCS) are thrown here.
 */
final class OcsClient {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final HttpExchanger http;
    private final String apiRoot;
    private final int version;
    private final String authorization;

    /**
     * @param api the path after {@code /ocs/v<version>.php/}, e.g. {@code cloud}
     */
    OcsClient(URI serverUrl, int version, String api, String loginName, String appPassword,
            Duration connectTimeout, Duration requestTimeout) {
        this.http = new HttpExchanger(SardineNextcloudConnector.NAME, connectTimeout,
                requestTimeout);
        this.apiRoot = serverUrl.toString().replaceAll("/+$", "") + "/ocs/v" + version + ".php/"
                + api;
        this.version = version;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (loginName + ":" + appPassword).getBytes(StandardCharsets.UTF_8));
    }

    int version() {
        return version;
    }

    /**
     * {@code value} percent-encoded as one URL path segment.
     *
     * @throws IllegalArgumentException when it is blank or cannot be one segment ({@code .},
     *     {@code ..}, or containing {@code /}, which Nextcloud's router does not accept encoded)
     */
    static String pathSegment(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " required");
        }
        if (value.equals(".") || value.equals("..") || value.contains("/")) {
            throw new IllegalArgumentException(name + " cannot be a URL path segment: " + value);
        }
        return encode(value);
    }

    /** {@code GET} of {@code path}. */
    OcsAnswer get(String path) {
        return get(path, new Params());
    }

    /** {@code GET} of {@code path} with {@code query} (name/value pairs, nulls skipped). */
    OcsAnswer get(String path, Params query) {
        return exchange(request(path, query).GET().build());
    }

    /** {@code method} of {@code path} with {@code form} as a form-encoded body. */
    OcsAnswer send(String method, String path, Params form) {
        return exchange(request(path, new Params())
                .header("Content-Type", FORM)
                .method(method, BodyPublishers.ofString(form.encoded(), StandardCharsets.UTF_8))
                .build());
    }

    /** {@code method} of {@code path} without a body. */
    OcsAnswer send(String method, String path) {
        return exchange(request(path, new Params()).method(method, BodyPublishers.noBody())
                .build());
    }

    private HttpRequest.Builder request(String path, Params query) {
        String fullQuery = new Params().add("format", "json").addAll(query).encoded();
        return http.request(URI.create(apiRoot + path + "?" + fullQuery))
                .header("OCS-APIRequest", "true")
                .header("Accept", "application/json")
                .header("Authorization", authorization);
    }

    private OcsAnswer exchange(HttpRequest request) {
        String uri = UriSanitizer.sanitize(request.uri());
        // OCS v2 sends refusals as 4xx with an envelope, so those answers are read too; 429 and
        // 5xx stay transient failures.
        HttpExchanger.Response response = http.callAccepting(request,
                status -> status >= 400 && status < 500 && status != 429);
        boolean refused = response.status() >= 400;
        return OcsAnswer.parse(response.status(), response.body(), uri)
                .orElseThrow(() -> new PermanentConnectorException(SardineNextcloudConnector.NAME,
                        refused ? request.method() + " refused"
                                : request.method() + " answer is not an OCS envelope (is serverUrl"
                                        + " the Nextcloud root?)",
                        response.status(), uri, refused ? shorten(response.body()) : null, null));
    }

    private static String shorten(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Ordered name/value pairs for a query or a form body; repeated names are kept. */
    static final class Params {
        private final List<String[]> pairs = new ArrayList<>();

        /** Adds the pair unless {@code value} is null. */
        Params add(String name, String value) {
            if (value != null) {
                pairs.add(new String[] {name, value});
            }
            return this;
        }

        /** Adds {@code name} once per value, as PHP reads {@code name[]} into an array. */
        Params addEach(String name, List<String> values) {
            values.forEach(value -> add(name, value));
            return this;
        }

        private Params addAll(Params other) {
            pairs.addAll(other.pairs);
            return this;
        }

        private String encoded() {
            StringJoiner joined = new StringJoiner("&");
            pairs.forEach(pair -> joined.add(encode(pair[0]) + "=" + encode(pair[1])));
            return joined.toString();
        }
    }
}
