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
    /** The API reference's create answer, with the voice bridge and dial number the server chose. */
    static final String CREATED_WITH_VOICE_BRIDGE = """
            <response><returncode>SUCCESS</returncode><meetingID>M-1</meetingID>
            <internalMeetingID>183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1531240585189</internalMeetingID>
            <parentMeetingID>bbb-none</parentMeetingID><attendeePW>ap</attendeePW><moderatorPW>mp</moderatorPW>
            <createTime>1531240585189</createTime><voiceBridge>70066</voiceBridge><dialNumber>613-555-1234</dialNumber>
            <createDate>Tue Jul 10 16:36:25 UTC 2018</createDate><hasUserJoined>false</hasUserJoined>
            <duration>0</duration><hasBeenForciblyEnded>false</hasBeenForciblyEnded>
            <messageKey>duplicateWarning</messageKey>
            <message>This conference was already in existence and may currently be in progress.</message>
            </response>""";
    /** The API reference's getMeetingInfo answer for a running meeting (two attendees, one without a userID). */
    static final String MEETING_INFO = """
            <response><returncode>SUCCESS</returncode><meetingName>Weekly</meetingName><meetingID>M-1</meetingID>
            <internalMeetingID>5400b2af…</internalMeetingID><createTime>1531241258036</createTime>
            <voiceBridge>70066</voiceBridge><dialNumber>613-555-1234</dialNumber><running>true</running>
            <participantCount>3</participantCount><listenerCount>0</listenerCount><voiceParticipantCount>0</voiceParticipantCount>
            <videoCount>1</videoCount><maxUsers>0</maxUsers><moderatorCount>1</moderatorCount>
            <attendees>
              <attendee><userID>alice</userID><fullName>Alice 王</fullName><role>MODERATOR</role>
                <isPresenter>true</isPresenter><isListeningOnly>false</isListeningOnly><hasJoinedVoice>true</hasJoinedVoice>
                <hasVideo>true</hasVideo><clientType>HTML5</clientType></attendee>
              <attendee><userID>bob</userID><fullName>Bob</fullName><role>VIEWER</role>
                <isPresenter>false</isPresenter><clientType>HTML5</clientType></attendee>
              <attendee><fullName>Phone 0912</fullName><role>VIEWER</role><clientType>FLASH</clientType></attendee>
            </attendees>
            <metadata/><isBreakout>false</isBreakout></response>""";
    static final String NOT_RUNNING = """
            <response><returncode>FAILED</returncode><messageKey>notFound</messageKey>
            <message>We could not find a meeting with that meeting ID</message></response>""";
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

    @Test
    void createPublishesTheServersVoiceBridgeAsTheDialInPin() {
        assertThat(backend(CREATED_WITH_VOICE_BRIDGE).open(meeting).dialInPin()).isEqualTo("70066");
        assertThat(backend(CREATED).open(meeting).dialInPin()).isNull();
    }

    @Test
    void participantsAreTheAttendeesWithTheWorkspacesUserIds() {
        assertThat(backend(MEETING_INFO).participants(meeting)).containsExactly(
                new Participant("alice", "Alice 王", null), new Participant("bob", "Bob", null));
        assertThat(sent).singleElement().satisfies(url -> {
            assertThat(url.getPath()).endsWith("/getMeetingInfo");
            assertThat(url.getRawQuery()).isEqualTo("meetingID=M-1&checksum="
                    + backend(CREATED).checksum("getMeetingInfo", "meetingID=M-1"));
        });
    }

    @Test
    void aMeetingNotRunningHasNobodyAndOtherRefusalsAreErrors() {
        assertThat(backend(NOT_RUNNING).participants(meeting)).isEmpty();
        assertThatThrownBy(() -> backend(REFUSED).participants(meeting))
                .isInstanceOf(PermanentConnectorException.class).hasMessageContaining("checksumError");
    }

    @Test
    void hostileOrBrokenAnswersNeverEscapeAsAnythingButARefusal() {
        long seed = 18_2026L;
        java.util.Random random = new java.util.Random(seed);
        String[] pieces = {"<", ">", "</attendee>", "<attendee>", "<userID>", "</userID>", "&", "&amp;",
            "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "&x;", "\u0000", "SUCCESS", "王"};
        for (int round = 0; round < 1500; round++) {
            StringBuilder answer = new StringBuilder(MEETING_INFO);
            for (int edits = random.nextInt(8); edits > 0; edits--) {
                int at = random.nextInt(answer.length() + 1);
                if (random.nextBoolean()) {
                    answer.insert(at, pieces[random.nextInt(pieces.length)]);
                } else {
                    answer.delete(at, Math.min(answer.length(), at + random.nextInt(30)));
                }
            }
            try {
                backend(answer.toString()).participants(meeting)
                        .forEach(person -> assertThat(person.id()).isNotBlank().doesNotContain("root:"));
            } catch (PermanentConnectorException expected) {
                assertThat(expected).hasMessageNotContaining(DOC_SECRET);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", round " + round + ": " + e, e);
            }
        }
    }
}
