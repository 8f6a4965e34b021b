package org.agencyworkspace.connector.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Against the token contract of jitsi-meet's "JWT token authentication" (Prosody
 * mod_auth_token): HS256 with the app secret, {@code iss} the app id, {@code aud} jitsi,
 * {@code sub} the domain, {@code room}, {@code nbf}/{@code exp}, {@code context.user.moderator}.
 * No Jitsi server runs here: the token is verified as Prosody would.
 */
class JitsiBackendTest {

    static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
    final JitsiBackend jitsi = new JitsiBackend(URI.create("https://meet.agency.example/"), "workspace",
            SECRET, Duration.ofMinutes(15), Duration.ofMinutes(30));
    final VideoMeeting meeting = new VideoMeeting("M-7x", "Weekly",
            Instant.parse("2026-12-08T02:00:00Z"), Instant.parse("2026-12-08T03:00:00Z"), false);

    @Test
    @SuppressWarnings("unchecked")
    void theOrganisersTokenIsAModeratorsForThisRoomUntilTheMeetingEndsPlusGrace() throws Exception {
        URI link = jitsi.joinLink(meeting, new Participant("alice", "Alice 王", "alice@agency.example"), true);

        assertThat(link.toString()).startsWith("https://meet.agency.example/aw-m-7x?jwt=");
        SignedJWT jwt = SignedJWT.parse(link.getQuery().substring("jwt=".length()));
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("workspace");
        assertThat(claims.getAudience()).containsExactly("jitsi");
        assertThat(claims.getSubject()).isEqualTo("meet.agency.example");
        assertThat(claims.getClaim("room")).isEqualTo("aw-m-7x");
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-12-08T03:30:00Z")));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(Instant.parse("2026-12-08T01:45:00Z")));
        Map<String, Object> context = claims.getJSONObjectClaim("context");
        assertThat((Map<Object, Object>) context.get("user")).containsEntry("moderator", true).containsEntry("id", "alice");
        assertThat((Map<Object, Object>) context.get("features")).containsEntry("recording", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAttendeesTokenIsNotAModeratorsAndAnotherSecretDoesNotVerifyIt() throws Exception {
        SignedJWT jwt = SignedJWT.parse(jitsi.token(meeting, new Participant("bob", "Bob", null), false));

        Map<String, Object> context = jwt.getJWTClaimsSet().getJSONObjectClaim("context");
        assertThat((Map<Object, Object>) context.get("user")).containsEntry("moderator", false);
        assertThat(jwt.verify(new MACVerifier("another-secret-of-at-least-32-bytes!!"))).isFalse();
    }
}
