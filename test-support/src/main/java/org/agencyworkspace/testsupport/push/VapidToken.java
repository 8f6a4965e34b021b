package org.agencyworkspace.testsupport.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VAPID {@code Authorization} header (RFC 8292 §3) checked as a push service checks it:
 * {@code vapid t=<JWT>, k=<key>}, an ES256 JWT whose signature verifies with {@code k}.
 *
 * @param audience the {@code aud} claim
 * @param expires the {@code exp} claim
 * @param subject the {@code sub} claim
 * @param publicKey {@code k}, base64url
 */
public record VapidToken(String audience, Instant expires, String subject, String publicKey) {

    private static final Pattern HEADER = Pattern.compile("vapid t=([\\w-]+)\\.([\\w-]+)\\.([\\w-]+), ?k=([\\w-]+)");

    /**
     * The token's claims, once its form, algorithm and signature are right.
     *
     * @throws IllegalStateException when any of them is wrong
     */
    public static VapidToken verify(String authorization) {
        Matcher parts = authorization == null ? null : HEADER.matcher(authorization);
        if (parts == null || !parts.matches()) {
            throw new IllegalStateException("not a VAPID authorization: " + authorization);
        }
        String header = text(parts.group(1));
        if (!header.contains("\"alg\":\"ES256\"")) {
            throw new IllegalStateException("the token must be ES256: " + header);
        }
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initVerify(PushBrowser.publicKey(PushBrowser.decode(parts.group(4))));
            es256.update((parts.group(1) + "." + parts.group(2)).getBytes(StandardCharsets.US_ASCII));
            if (!es256.verify(PushBrowser.decode(parts.group(3)))) {
                throw new IllegalStateException("the VAPID signature does not verify with k");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the VAPID signature cannot be checked: " + e, e);
        }
        String claims = text(parts.group(2));
        return new VapidToken(claim(claims, "\"aud\":\"([^\"]*)\""),
                Instant.ofEpochSecond(Long.parseLong(claim(claims, "\"exp\":(\\d+)"))),
                claim(claims, "\"sub\":\"([^\"]*)\""), parts.group(4));
    }

    private static String text(String base64url) {
        return new String(PushBrowser.decode(base64url), StandardCharsets.UTF_8);
    }

    private static String claim(String json, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("claim missing (" + pattern + ") in " + json);
        }
        return matcher.group(1);
    }
}
