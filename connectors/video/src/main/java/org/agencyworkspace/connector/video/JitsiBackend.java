package org.agencyworkspace.connector.video;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Jitsi Meet with token authentication (Prosody's {@code mod_auth_token}, jitsi-meet's
 * "JWT token authentication" reference): a room per meeting, joined with
 * {@code https://<domain>/<room>?jwt=<token>}. The HS256 token names the room, carries
 * {@code context.user} with {@code moderator} true only for the organiser and
 * {@code context.features.recording} off when recording is not allowed, and expires
 * {@code grace} after the meeting's end. Jitsi creates rooms on first join, so {@link #open}
 * and {@link #end} call no server.
 */
public final class JitsiBackend implements VideoBackend {

    private final URI baseUrl;
    private final String appId;
    private final byte[] secret;
    private final Duration earlyJoin;
    private final Duration grace;

    /**
     * @param baseUrl the Jitsi Meet site, e.g. {@code https://meet.agency.example/}
     * @param appId the {@code app_id} Prosody is configured with (the token's {@code iss})
     * @param secret the {@code app_secret}, at least 32 bytes (HS256)
     * @param earlyJoin how long before the start a token is already valid ({@code nbf})
     * @param grace how long after the end a token stays valid ({@code exp})
     */
    public JitsiBackend(URI baseUrl, String appId, String secret, Duration earlyJoin, Duration grace) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId required");
        }
        this.appId = appId;
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("secret required, at least 32 bytes for HS256");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.earlyJoin = Objects.requireNonNull(earlyJoin, "earlyJoin");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    @Override
    public String name() {
        return "jitsi";
    }

    @Override
    public VideoRoom open(VideoMeeting meeting) {
        return new VideoRoom(name(), roomName(meeting), room(meeting));
    }

    @Override
    public URI joinLink(VideoMeeting meeting, Participant participant, boolean moderator) {
        return URI.create(room(meeting) + "?jwt=" + token(meeting, participant, moderator));
    }

    /**
     * Always empty: a standard Jitsi Meet install has no API that lists a room's participants
     * (Prosody community modules can add one; the workspace does not rely on them). Attendance of
     * Jitsi meetings comes from the workspace's own join records.
     */
    @Override
    public java.util.List<Participant> participants(VideoMeeting meeting) {
        return java.util.List.of();
    }

    @Override
    public void end(VideoMeeting meeting) {
        // Nothing to call: the room closes when the last person leaves, and no token admits
        // anyone after the end plus the grace period.
    }

    /** The signed token for one participant (public for contract tests). */
    public String token(VideoMeeting meeting, Participant participant, boolean moderator) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", participant.id());
        user.put("name", participant.name());
        if (participant.email() != null) {
            user.put("email", participant.email());
        }
        user.put("moderator", moderator);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("recording", meeting.recordingAllowed());
        features.put("livestreaming", false);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(appId)
                .audience("jitsi")
                .subject(baseUrl.getHost())
                .claim("room", roomName(meeting))
                .notBeforeTime(Date.from(meeting.start().minus(earlyJoin)))
                .expirationTime(Date.from(meeting.end().plus(grace)))
                .claim("context", Map.of("user", user, "features", features))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(
                com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a Jitsi token", e);
        }
        return jwt.serialize();
    }

    private static String roomName(VideoMeeting meeting) {
        // Jitsi lower-cases room names; the meeting id is letters, digits and dashes.
        return "aw-" + meeting.id().toLowerCase(java.util.Locale.ROOT);
    }

    private URI room(VideoMeeting meeting) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        return URI.create(base + URLEncoder.encode(roomName(meeting), StandardCharsets.UTF_8));
    }
}
