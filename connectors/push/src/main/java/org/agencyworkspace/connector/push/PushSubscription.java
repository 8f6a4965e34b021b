package org.agencyworkspace.connector.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * One browser's push subscription, as its {@code PushSubscription.toJSON()} gives it.
 *
 * @param endpoint the push service address to post messages to (a capability URL: whoever has
 *     it can push to the device, so it is not logged in full)
 * @param p256dh the browser's P-256 public key, base64url of the uncompressed point
 * @param auth the browser's 16-byte authentication secret, base64url
 */
public record PushSubscription(URI endpoint, String p256dh, String auth) {

    private static final int AUTH_BYTES = 16;
    private static final int MAX_ENDPOINT = 2048;

    /** @throws IllegalArgumentException when any part is missing or malformed */
    public PushSubscription {
        if (endpoint == null || !endpoint.isAbsolute() || endpoint.getHost() == null
                || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))
                || endpoint.getRawUserInfo() != null || endpoint.toString().length() > MAX_ENDPOINT) {
            throw new IllegalArgumentException("the endpoint must be an absolute http(s) URL of at most "
                    + MAX_ENDPOINT + " characters without user info");
        }
        P256.publicKey(decode(p256dh, "p256dh"));
        if (decode(auth, "auth").length != AUTH_BYTES) {
            throw new IllegalArgumentException("auth must be 16 bytes in base64url");
        }
    }

    /**
     * A subscription from the text of its parts.
     *
     * @throws IllegalArgumentException when the endpoint is not a URI or a part is malformed
     */
    public static PushSubscription of(String endpoint, String p256dh, String auth) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint required");
        }
        try {
            return new PushSubscription(new URI(endpoint.strip()), p256dh, auth);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint is not a URL", e);
        }
    }

    /**
     * The push service's origin ({@code scheme://host[:port]}), the audience of the VAPID token
     * (RFC 8292 §2).
     */
    public String origin() {
        int port = endpoint.getPort();
        return endpoint.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
                + endpoint.getHost().toLowerCase(java.util.Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    ECPublicKey browserKey() {
        return P256.publicKey(decode(p256dh, "p256dh"));
    }

    byte[] browserKeyBytes() {
        return decode(p256dh, "p256dh");
    }

    byte[] authSecret() {
        return decode(auth, "auth");
    }

    private static byte[] decode(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(name + " required, base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(value.strip().replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64url", e);
        }
    }

    @Override
    public String toString() {
        return "PushSubscription[" + origin() + "]";
    }
}
