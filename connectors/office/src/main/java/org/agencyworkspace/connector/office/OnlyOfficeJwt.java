package org.agencyworkspace.connector.office;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * ONLYOFFICE's HS256 JWTs with the Document Server's shared secret
 * ({@code services.CoAuthoring.secret.*}, Docker {@code JWT_SECRET}): the editor config we sign,
 * the requests we send to the command service, and the callbacks and file downloads the
 * Document Server sends us. An inbound request is trusted only when every token it carries
 * verifies; the header token's payload is the body wrapped as {@code {"payload": …}}.
 */
public class OnlyOfficeJwt {

    /** The Document Server's {@code verifyOptions.clockTolerance}. */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(60);
    private static final String BEARER = "Bearer ";

    private final Hs256 jws;
    private final Clock clock;

    public OnlyOfficeJwt(String secret, Clock clock) {
        this.jws = new Hs256(secret, "ONLYOFFICE JWT");
        this.clock = clock;
    }

    /** The token over {@code claims} as they are (a config, a command). */
    public String sign(Map<String, Object> claims) {
        return jws.sign(claims);
    }

    /** {@code Authorization: Bearer …} for a request body we send. */
    public String bearerFor(Map<String, Object> body) {
        return BEARER + jws.sign(Map.of("payload", body));
    }

    /**
     * The callback as the Document Server signed it. The body's {@code token} (when present) is
     * the whole callback; the header's (when present) wraps it in {@code payload}. At least one
     * must be there and all present must verify; the signed content is what is returned, so
     * fields added to the plain body after signing are ignored.
     *
     * @param body the callback JSON as parsed
     * @param authorization the {@code Authorization} header, or null
     * @throws InvalidTokenException when no token is there or one does not verify
     */
    public Map<String, Object> verifyCallback(Map<String, Object> body, String authorization) {
        Map<String, Object> fromBody = null;
        if (body.get("token") instanceof String token) {
            fromBody = jws.verify(token, clock.instant(), CLOCK_TOLERANCE);
        } else if (body.containsKey("token")) {
            throw new InvalidTokenException("the body's token is not a string");
        }
        Map<String, Object> fromHeader = null;
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.startsWith(BEARER)) {
                throw new InvalidTokenException("the Authorization header is not a bearer token");
            }
            Map<String, Object> claims = jws.verify(authorization.substring(BEARER.length()),
                    clock.instant(), CLOCK_TOLERANCE);
            if (!(claims.get("payload") instanceof Map<?, ?> payload)) {
                throw new InvalidTokenException("the header token carries no payload");
            }
            fromHeader = copy(payload);
        }
        if (fromBody == null && fromHeader == null) {
            throw new InvalidTokenException("the callback carries no token");
        }
        Map<String, Object> signed = fromBody != null ? withoutJwtClaims(fromBody) : fromHeader;
        if (fromBody != null && fromHeader != null
                && !Objects.equals(essentials(signed), essentials(fromHeader))) {
            throw new InvalidTokenException("the body and header tokens disagree");
        }
        return signed;
    }

    /**
     * The document URL the Document Server asks for, from its download request's
     * {@code Authorization} header (payload {@code {"url": …}}).
     */
    public String verifyDownload(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new InvalidTokenException("the download request carries no bearer token");
        }
        Map<String, Object> claims = jws.verify(authorization.substring(BEARER.length()),
                clock.instant(), CLOCK_TOLERANCE);
        Object payload = claims.get("payload") instanceof Map<?, ?> wrapped ? wrapped.get("url") : claims.get("url");
        if (!(payload instanceof String url)) {
            throw new InvalidTokenException("the download token names no url");
        }
        return url;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    private static Map<String, Object> withoutJwtClaims(Map<String, Object> claims) {
        Map<String, Object> callback = new LinkedHashMap<>(claims);
        callback.remove("iat");
        callback.remove("exp");
        return callback;
    }

    private static Map<String, Object> essentials(Map<String, Object> callback) {
        Map<String, Object> essentials = new LinkedHashMap<>();
        for (String field : new String[] {"key", "status", "url"}) {
            essentials.put(field, callback.get(field) instanceof Number n ? n.longValue() : callback.get(field));
        }
        return essentials;
    }
}
