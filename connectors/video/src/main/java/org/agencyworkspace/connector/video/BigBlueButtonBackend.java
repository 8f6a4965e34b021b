package org.agencyworkspace.connector.video;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * BigBlueButton through its API ({@code <server>/bigbluebutton/api/<call>?<query>&checksum=..}):
 * every call is signed with {@code checksum = SHA(callName + query + sharedSecret)} in hex, SHA-1
 * or SHA-256 as the server is configured. {@code create} opens the meeting (recording off unless
 * allowed), {@code join} links carry {@code role=MODERATOR} or {@code role=VIEWER}, {@code end}
 * closes it. Answers are XML with {@code <returncode>SUCCESS</returncode>} or {@code FAILED} and a
 * {@code <messageKey>}; {@code create} for a meeting that exists answers SUCCESS with
 * {@code duplicateWarning}, so opening twice is harmless.
 */
public final class BigBlueButtonBackend implements VideoBackend {

    /** The checksum algorithms BigBlueButton accepts. */
    public enum Checksum {
        SHA1("SHA-1"), SHA256("SHA-256");

        private final String jcaName;

        Checksum(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    private final URI apiUrl;
    private final String secret;
    private final Checksum checksum;
    private final Function<URI, String> transport;

    /**
     * @param apiUrl the API base, e.g. {@code https://bbb.agency.example/bigbluebutton/api/}
     * @param secret the shared secret ({@code bbb-conf --secret})
     * @param checksum the server's checksum algorithm
     * @param transport sends a GET and returns the body (the connector's HTTP exchanger in
     *     production; recorded answers in tests)
     */
    public BigBlueButtonBackend(URI apiUrl, String secret, Checksum checksum,
            Function<URI, String> transport) {
        String base = Objects.requireNonNull(apiUrl, "apiUrl").toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base : base + "/");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("secret required");
        }
        this.secret = secret;
        this.checksum = Objects.requireNonNull(checksum, "checksum");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    public String name() {
        return "bigbluebutton";
    }

    @Override
    public VideoRoom open(VideoMeeting meeting) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", meeting.title());
        query.put("meetingID", meeting.id());
        query.put("record", String.valueOf(meeting.recordingAllowed()));
        query.put("allowStartStopRecording", String.valueOf(meeting.recordingAllowed()));
        query.put("duration", String.valueOf(Math.max(1,
                java.time.Duration.between(meeting.start(), meeting.end()).toMinutes())));
        BigBlueButtonAnswer created = call("create", query);
        // The server chooses the conference's voice bridge: the PIN its SIP/phone gateway admits with.
        return new VideoRoom(name(), meeting.id(), apiUrl.resolve("join?meetingID=" + encode(meeting.id())),
                created.text("voiceBridge").filter(pin -> pin.matches("[0-9]{1,16}")).orElse(null));
    }

    @Override
    public URI joinLink(VideoMeeting meeting, Participant participant, boolean moderator) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fullName", participant.name());
        query.put("meetingID", meeting.id());
        query.put("role", moderator ? "MODERATOR" : "VIEWER");
        query.put("userID", participant.id());
        query.put("redirect", "true");
        return url("join", query);
    }

    @Override
    public void end(VideoMeeting meeting) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("meetingID", meeting.id());
        call("end", query);
    }

    /**
     * The people in the meeting now, from {@code getMeetingInfo}'s attendees; none when the meeting
     * is not running (the server answers {@code notFound}).
     */
    @Override
    public List<Participant> participants(VideoMeeting meeting) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("meetingID", meeting.id());
        URI url = url("getMeetingInfo", query);
        BigBlueButtonAnswer answer = BigBlueButtonAnswer.read(transport.apply(url));
        if (!answer.success() && answer.text("messageKey").filter("notFound"::equals).isPresent()) {
            return List.of();
        }
        return checked("getMeetingInfo", answer).attendees();
    }

    /** The signed URL of an API call (public for contract tests). */
    public URI url(String callName, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        String sum = checksum(callName, query);
        return apiUrl.resolve(callName + "?" + (query.isEmpty() ? "" : query + "&") + "checksum=" + sum);
    }

    /** {@code hex(SHA(callName + query + secret))}, the API's checksum. */
    public String checksum(String callName, String query) {
        try {
            MessageDigest digest = MessageDigest.getInstance(checksum.jcaName);
            return HexFormat.of().formatHex(digest.digest(
                    (callName + query + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(checksum.jcaName + " missing from the JDK", e);
        }
    }

    private BigBlueButtonAnswer call(String callName, Map<String, String> parameters) {
        return checked(callName, BigBlueButtonAnswer.read(transport.apply(url(callName, parameters))));
    }

    private BigBlueButtonAnswer checked(String callName, BigBlueButtonAnswer answer) {
        if (answer.success()) {
            return answer;
        }
        throw new PermanentConnectorException("bigbluebutton", callName + " refused", 200,
                apiUrl.resolve(callName).toString(), answer.text("messageKey").orElse("no returncode"), null);
    }

    // BigBlueButton's examples encode spaces as '+', as URLEncoder does.
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
