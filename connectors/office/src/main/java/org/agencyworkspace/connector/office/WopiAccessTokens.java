package org.agencyworkspace.connector.office;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issues and checks WOPI access tokens: HS256-signed (URL-safe, opaque to the editor), bound to
 * the user, the file and the permissions, with an absolute expiry. A token is good for its own
 * file only; any change to it breaks the signature. The same secret signs document fetch tokens
 * ({@link DocumentFetchGrant}); each kind names its use ({@code use}) and is refused as the
 * other, so a fetch token opens no WOPI operation and a long-lived WOPI token fetches nothing
 * on the fetch path.
 */
public class WopiAccessTokens {

    private static final String WOPI = "wopi";
    private static final String FETCH = "fetch";

    private final Hs256 jws;

    /**
     * @param secret at least 32 bytes, from the environment; never logged
     */
    public WopiAccessTokens(String secret) {
        this.jws = new Hs256(secret, "WOPI access token");
    }

    public String issue(WopiAccessToken grant) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("use", WOPI);
        claims.put("sub", grant.user());
        claims.put("fid", grant.fileId());
        claims.put("sid", grant.session());
        claims.put("perm", grant.permissions().stream().map(Enum::name).sorted().toList());
        claims.put("exp", grant.expiresAt().getEpochSecond());
        return jws.sign(claims);
    }

    /**
     * The grant of a token presented for {@code fileId} at {@code now}.
     *
     * @throws InvalidTokenException when the token is forged, tampered with, expired, for
     *     another file, or not a WOPI access token
     */
    public WopiAccessToken check(String token, String fileId, Instant now) {
        Map<String, Object> claims = verify(token, WOPI, now);
        if (!(claims.get("sub") instanceof String user) || !(claims.get("fid") instanceof String file)
                || !(claims.get("sid") instanceof String session) || !(claims.get("exp") instanceof Number exp)
                || !(claims.get("perm") instanceof List<?> names)) {
            throw new InvalidTokenException("the token lacks the WOPI claims");
        }
        if (!file.equals(fileId)) {
            throw new InvalidTokenException("the token is for another file");
        }
        Set<EditorPermission> permissions = EnumSet.noneOf(EditorPermission.class);
        for (Object name : names) {
            try {
                permissions.add(EditorPermission.valueOf(String.valueOf(name)));
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException("the token names an unknown permission");
            }
        }
        return new WopiAccessToken(user, file, permissions, session, Instant.ofEpochSecond(exp.longValue()));
    }

    /** A token for the editor's server to download the file once its editor opens. */
    public String issueFetch(DocumentFetchGrant grant) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("use", FETCH);
        claims.put("sub", grant.user());
        claims.put("fid", grant.fileId());
        claims.put("sid", grant.session());
        claims.put("exp", grant.expiresAt().getEpochSecond());
        return jws.sign(claims);
    }

    /**
     * The grant of a fetch token presented for {@code fileId} at {@code now}.
     *
     * @throws InvalidTokenException when the token is forged, tampered with, expired, for
     *     another file, or not a fetch token
     */
    public DocumentFetchGrant checkFetch(String token, String fileId, Instant now) {
        Map<String, Object> claims = verify(token, FETCH, now);
        if (!(claims.get("sub") instanceof String user) || !(claims.get("fid") instanceof String file)
                || !(claims.get("sid") instanceof String session) || !(claims.get("exp") instanceof Number exp)) {
            throw new InvalidTokenException("the token lacks the fetch claims");
        }
        if (!file.equals(fileId)) {
            throw new InvalidTokenException("the token is for another file");
        }
        return new DocumentFetchGrant(user, file, session, Instant.ofEpochSecond(exp.longValue()));
    }

    private Map<String, Object> verify(String token, String use, Instant now) {
        Map<String, Object> claims = jws.verify(token, now, Duration.ZERO);
        if (!use.equals(claims.get("use"))) {
            throw new InvalidTokenException("the token is not a " + use + " token");
        }
        return claims;
    }
}
