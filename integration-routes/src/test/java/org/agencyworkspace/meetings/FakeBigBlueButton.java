package org.agencyworkspace.meetings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A BigBlueButton API server as its API reference describes it, for what cannot run here: it
 * checks each call's SHA-256 checksum, {@code create} picks a five-digit voice bridge and answers
 * it, {@code join} (when a link is "opened" with {@link #open}) puts the person in the meeting,
 * {@code getMeetingInfo} lists the attendees with their {@code userID}, or {@code notFound} for a
 * meeting not running, and {@code end} empties it.
 */
final class FakeBigBlueButton implements Function<URI, String> {

    private final String secret;
    private final Map<String, String> voiceBridges = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attendees = new LinkedHashMap<>();
    private int nextBridge = 70066;

    FakeBigBlueButton(String secret) {
        this.secret = secret;
    }

    @Override
    public String apply(URI url) {
        String call = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        String query = url.getRawQuery();
        int sum = query.lastIndexOf("checksum=");
        String unsigned = sum == 0 ? "" : query.substring(0, sum - 1);
        if (!sha256(call + unsigned + secret).equals(query.substring(sum + "checksum=".length()))) {
            return failed("checksumError", "You did not pass the checksum security check");
        }
        Map<String, String> parameters = parameters(unsigned);
        String id = parameters.get("meetingID");
        return switch (call) {
            case "create" -> {
                String bridge = voiceBridges.computeIfAbsent(id, key -> String.valueOf(nextBridge++));
                yield "<response><returncode>SUCCESS</returncode><meetingID>" + id + "</meetingID>"
                        + "<voiceBridge>" + bridge + "</voiceBridge><dialNumber>613-555-1234</dialNumber>"
                        + "<messageKey></messageKey><message></message></response>";
            }
            case "getMeetingInfo" -> {
                Map<String, String> people = attendees.get(id);
                if (people == null || people.isEmpty()) {
                    yield failed("notFound", "We could not find a meeting with that meeting ID");
                }
                StringBuilder answer = new StringBuilder("<response><returncode>SUCCESS</returncode><meetingID>")
                        .append(id).append("</meetingID><running>true</running><attendees>");
                people.forEach((userId, name) -> answer.append("<attendee>")
                        .append(userId.isEmpty() ? "" : "<userID>" + userId + "</userID>")
                        .append("<fullName>").append(name).append("</fullName><role>VIEWER</role></attendee>"));
                yield answer.append("</attendees></response>").toString();
            }
            case "end" -> {
                attendees.remove(id);
                yield "<response><returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey></response>";
            }
            default -> failed("unsupportedRequest", "This request is not supported.");
        };
    }

    /** A person opens a signed join link (the server admits them only with a valid checksum). */
    void open(URI joinLink) {
        if (apply(joinLink).contains("checksumError")) {
            throw new IllegalArgumentException("join link refused");
        }
        Map<String, String> parameters = parameters(joinLink.getRawQuery());
        attendees.computeIfAbsent(parameters.get("meetingID"), key -> new LinkedHashMap<>())
                .put(parameters.getOrDefault("userID", ""), parameters.get("fullName"));
    }

    /** Someone in the room without a workspace link (a phone caller, an outside client). */
    void joinWithoutLink(String meetingId, String userId, String name) {
        attendees.computeIfAbsent(meetingId, key -> new LinkedHashMap<>()).put(userId, name);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String failed(String key, String message) {
        return "<response><returncode>FAILED</returncode><messageKey>" + key + "</messageKey><message>"
                + message + "</message></response>";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
