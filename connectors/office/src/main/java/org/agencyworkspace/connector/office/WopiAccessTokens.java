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
 * file only; any change to it breaks the signature.
 */
public class WopiAccessTokens {

    private final Hs256 jws;

    /**
     * @param secret at least 32 bytes, from the environment; never logged
     */
    public WopiAccessTokens(String secret) {
        this.jws = new Hs256(secret, "WOPI access token");
    }

    public String issue(WopiAccessToken grant) {
        Map<String, Object> claims = new LinkedHashMap<>();
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
     * @throws InvalidTokenException when the token is forged, tampered with, expired, or for
     *     another file
     */
    public WopiAccessToken check(String token, String fileId, Instant now) {
        Map<String, Object> claims = jws.verify(token, now, Duration.ZERO);
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
}
