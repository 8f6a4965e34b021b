package org.agencyworkspace.connector.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.junit.jupiter.api.Test;

/**
 * Against BigBlueButton's published API contract (docs.bigbluebutton.org, "API Reference"): no
 * server runs here, so the checksum is checked on the documentation's own example and the
 * server's answers are the XML the reference shows.
 */
class BigBlueButtonBackendTest {

    static final String DOC_SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";
    static final String CREATED = """
            <response><returncode>SUCCESS</returncode><meetingID>M-1</meetingID>
            <internalMeetingID>1832...</internalMeetingID><attendeePW>ap</attendeePW>
            <moderatorPW>mp</moderatorPW><createTime>1</createTime><hasBeenForciblyEnded>false</hasBeenForciblyEnded>
            <messageKey></messageKey><message></message></response>""";
    static final String REFUSED = """
            <response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>
            <message>You did not pass the checksum security check</message></response>""";

    final List<URI> sent = new ArrayList<>();
    final VideoMeeting meeting = new VideoMeeting("M-1", "Weekly 週會",
            Instant.parse("2026-12-08T02:00:00Z"), Instant.parse("2026-12-08T03:00:00Z"), false);

    BigBlueButtonBackend backend(String answer) {
        return new BigBlueButtonBackend(URI.create("https://bbb.example/bigbluebutton/api"),
                DOC_SECRET, BigBlueButtonBackend.Checksum.SHA1, url -> {
                    sent.add(url);
                    return answer;
                });
    }

    @Test
    void theChecksumIsTheDocumentationsOwnExample() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", "Test Meeting");
        query.put("meetingID", "abc123");
        query.put("attendeePW", "111222");
        query.put("moderatorPW", "333444");

        assertThat(backend(CREATED).url("create", query)).hasToString(
                "https://bbb.example/bigbluebutton/api/create?name=Test+Meeting&meetingID=abc123"
                        + "&attendeePW=111222&moderatorPW=333444"
                        + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
        BigBlueButtonBackend sha256 = new BigBlueButtonBackend(URI.create("https://bbb.example/bigbluebutton/api/"),
                DOC_SECRET, BigBlueButtonBackend.Checksum.SHA256, url -> CREATED);
        assertThat(sha256.checksum("create", "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"))
                .hasSize(64).isNotEqualTo(backend(CREATED).checksum("create", "x"));
    }

    @Test
    void createSendsRecordingOffAndJoinLinksCarryTheRole() {
        VideoRoom room = backend(CREATED).open(meeting);

        assertThat(room.backend()).isEqualTo("bigbluebutton");
        assertThat(sent).singleElement().satisfies(url -> assertThat(url.getRawQuery())
                .startsWith("name=Weekly+%E9%80%B1%E6%9C%83&meetingID=M-1&record=false"
                        + "&allowStartStopRecording=false&duration=60&checksum="));
        URI moderator = backend(CREATED).joinLink(meeting, new Participant("alice", "Alice", null), true);
        URI viewer = backend(CREATED).joinLink(meeting, new Participant("bob", "Bob", null), false);
        assertThat(moderator.getRawQuery()).contains("role=MODERATOR", "userID=alice");
        assertThat(viewer.getRawQuery()).contains("role=VIEWER", "userID=bob");
        String query = viewer.getRawQuery();
        String unsigned = query.substring(0, query.indexOf("&checksum="));
        assertThat(query).endsWith("checksum=" + backend(CREATED).checksum("join", unsigned));
    }

    @Test
    void aRefusalIsAPermanentErrorWithTheServersMessageKey() {
        assertThatThrownBy(() -> backend(REFUSED).open(meeting))
                .isInstanceOf(PermanentConnectorException.class).hasMessageContaining("checksumError")
                .hasMessageNotContaining(DOC_SECRET);
        assertThatThrownBy(() -> backend("<html>proxy error</html>").end(meeting))
                .isInstanceOf(PermanentConnectorException.class);
    }
}
