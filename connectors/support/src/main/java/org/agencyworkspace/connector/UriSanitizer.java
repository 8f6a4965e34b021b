package org.agencyworkspace.connector;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** Makes request URIs safe to log: drops user info and masks the values of secret parameters. */
public final class UriSanitizer {

    private static final Set<String> SECRET_PARAMETERS = Set.of("access_token", "token",
            "password", "secret", "client_secret", "key", "api_key", "apikey", "sig", "signature",
            "code", "refresh_token", "id_token_hint");

    private UriSanitizer() {
    }

    /** The URI without user info, with the values of secret query parameters replaced by xxxxxx. */
    public static String sanitize(URI uri) {
        if (uri == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append('?').append(maskQuery(uri.getRawQuery()));
        }
        return out.toString();
    }

    private static String maskQuery(String rawQuery) {
        StringJoiner joined = new StringJoiner("&");
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (equals >= 0 && SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                joined.add(name + "=xxxxxx");
            } else {
                joined.add(pair);
            }
        }
        return joined.toString();
    }
}
