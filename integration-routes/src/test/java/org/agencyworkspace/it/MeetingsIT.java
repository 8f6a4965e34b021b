package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agencyworkspace.connector.calendar.CalDavClient;
import org.agencyworkspace.connector.calendar.CalDavClientBuilder;
import org.agencyworkspace.connector.calendar.Invitation;
import org.agencyworkspace.meetings.Meeting;
import org.agencyworkspace.meetings.MeetingConflictException;
import org.agencyworkspace.meetings.MeetingInvitations;
import org.agencyworkspace.meetings.MeetingMinutes;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.connector.FilePath;
import java.time.ZoneOffset;
import org.agencyworkspace.meetings.Meetings;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18 as a new user tries it, on the embedded workspace with the real Radicale of
 * {@code deploy/local/stack up radicale}: alice schedules a meeting for bob and carol; each of the
 * three finds it in their own CalDAV calendar (read with their own password); moved an hour, the
 * calendars show the next SEQUENCE; cancelled, they show STATUS:CANCELLED. While Radicale is
 * stopped the invitations wait and are delivered once when it is back. Rooms are never double
 * booked, unknown people and past times are refused, and a 密 meeting's video link never appears
 * in any notice; after a meeting its minutes are filed in Files with its level. Video is Jitsi
 * (tokens checked in the connector's contract tests; no server).
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeetingsIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final String JITSI = "https://meet.jitsi.test/";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedWithRadicale(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.messaging.poll-interval", () -> "200ms");
        registry.add("workspace.meetings.caldav.url", () -> StackEnvironment.require("WORKSPACE_CALDAV_URL"));
        registry.add("workspace.meetings.caldav.username", () -> StackEnvironment.require("WORKSPACE_CALDAV_USER"));
        registry.add("workspace.meetings.caldav.password", () -> StackEnvironment.require("WORKSPACE_CALDAV_PASSWORD"));
        registry.add("workspace.meetings.delivery.poll-interval", () -> "200ms");
        registry.add("workspace.meetings.delivery.retry-delay", () -> "200ms");
        registry.add("workspace.meetings.delivery.max-retry-delay", () -> "1s");
        // Reminders and minutes are run by the tests themselves, not by the timer.
        registry.add("workspace.meetings.reminder-poll-interval", () -> "1h");
        registry.add("workspace.meetings.video.backend", () -> "jitsi");
        registry.add("workspace.meetings.video.url", () -> JITSI);
        registry.add("workspace.meetings.video.app-id", () -> "workspace");
        registry.add("workspace.meetings.video.secret", () -> "it-secret-that-is-at-least-32-bytes-long");
    }

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;
    @Autowired
    Meetings meetings;
    @Autowired
    MeetingInvitations invitations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeetingMinutes minutes;
    @Autowired
    FileStore fileStore;
    @Autowired
    FileLabels labels;
    static LocalLogins logins;

    /** A person's own view of their calendar, with their own password. */
    static CalDavClient calendarOf(String login) {
        return new CalDavClientBuilder().baseUrl(URI.create(StackEnvironment.require("WORKSPACE_CALDAV_URL")))
                .credentials(login, StackEnvironment.require("WORKSPACE_DEMO_PASSWORD"))
                .calendarPath("{user}/calendar/").build();
    }

    static LocalDateTime tomorrowAt(int hour, int minute) {
        return LocalDate.now(TAIPEI).plusDays(1).atTime(LocalTime.of(hour, minute));
    }

    @Test
    void threePeopleSeeTheMeetingInTheirCalendarsMovedAnHourThenCancelled() throws Exception {
        BrowserSession alice = signedIn("alice");
        LocalDateTime start = tomorrowAt(10, 0);
        HttpResponse<String> created = send(alice, "POST", "/api/meetings", JSON.writeValueAsString(Map.of(
                "subject", "週會 Weekly", "start", start.toString(), "durationMinutes", 60,
                "attendees", List.of("bob", "carol"), "room", "room-201")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        String uid = id + "@agency.example";

        for (String login : List.of("alice", "bob", "carol")) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(calendarOf(login).read(login, uid)).hasValueSatisfying(event -> {
                        assertThat(event.sequence()).isZero();
                        assertThat(event.start()).isEqualTo(start.atZone(TAIPEI));
                        assertThat(event.organizer().email()).isEqualTo("alice@agency.example");
                        assertThat(event.attendees()).extracting(Invitation.Person::email)
                                .containsExactlyInAnyOrder("bob@agency.example", "carol@agency.example");
                        assertThat(event.cancelled()).isFalse();
                    }));
        }
        assertThat(calendarOf("bob").readText("bob", uid).orElseThrow())
                .contains("METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID=Asia/Taipei");
        assertThat(calendarOf("dave").read("dave", uid)).isEmpty();
        // The meeting's chat room and each attendee are told, with the page and the video room.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(inboxBodies("bob")).anySatisfy(body -> assertThat(body)
                        .contains("週會 Weekly", "/meetings/" + id, JITSI + "aw-" + id.toLowerCase())));
        assertThat(outbox("ROOM", "meeting-" + id.toLowerCase())).isNotEmpty();

        HttpResponse<String> moved = send(alice, "PUT", "/api/meetings/" + id + "/time",
                JSON.writeValueAsString(Map.of("start", start.plusHours(1).toString())));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        for (String login : List.of("alice", "bob", "carol")) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(calendarOf(login).read(login, uid)).hasValueSatisfying(event -> {
                        assertThat(event.sequence()).isEqualTo(1);
                        assertThat(event.start()).isEqualTo(start.plusHours(1).atZone(TAIPEI));
                        assertThat(event.duration()).isEqualTo(Duration.ofHours(1));
                    }));
        }

        assertThat(send(alice, "DELETE", "/api/meetings/" + id, null).statusCode()).isEqualTo(200);
        for (String login : List.of("alice", "bob", "carol")) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(calendarOf(login).read(login, uid)).hasValueSatisfying(event -> {
                        assertThat(event.sequence()).isEqualTo(2);
                        assertThat(event.cancelled()).isTrue();
                    }));
        }
        assertThat(calendarOf("carol").readText("carol", uid).orElseThrow()).contains("METHOD:CANCEL", "STATUS:CANCELLED");
        assertThat(audit.recent(new AuditQuery("alice", "meeting.cancel", null, 5))).singleElement()
                .satisfies(event -> assertThat(event.target().id()).isEqualTo(id));
        // The room is free again at the old time.
        assertThat(meetings.schedule(new Meetings.Request("Next", start, 60, List.of("erin"), List.of(),
                "room-201", null), "dave").roomId()).isEqualTo("room-201");
    }

    @Test
    void whileTheCalendarServerIsDownInvitationsWaitAndAreDeliveredOnceWhenItIsBack() {
        StackEnvironment.stack("down", "radicale");
        Meeting meeting;
        try {
            meeting = meetings.schedule(new Meetings.Request("Outage drill", tomorrowAt(15, 0), 30,
                    List.of("bob", "carol"), List.of(), null, null), "alice");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "SELECT MIN(attempts) FROM meeting_invitation WHERE meeting_id = :id")
                    .param("id", meeting.id()).query(Integer.class).single() >= 2);
            assertThat(invitations.statusOf(meeting.id())).containsExactly(Map.entry("PENDING", 3));
        } finally {
            StackEnvironment.stack("up", "radicale");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(invitations.statusOf(meeting.id())).containsExactly(Map.entry("DELIVERED", 3)));
        for (String login : List.of("alice", "bob", "carol")) {
            assertThat(calendarOf(login).read(login, meeting.id() + "@agency.example")).isPresent();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM domain_event WHERE event_type = 'meeting.invitation.delivered'"
                        + " AND data LIKE :id").param("id", "%" + meeting.id() + "%")
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aRoomIsNeverDoubleBookedEvenByConcurrentRequests() throws Exception {
        LocalDateTime start = tomorrowAt(8, 0);
        meetings.schedule(new Meetings.Request("First", start, 60, List.of("bob"), List.of(), "room-101", null), "alice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> meetings.schedule(new Meetings.Request(
                "Overlap", start.plusMinutes(30), 60, List.of("carol"), List.of(), "room-101", null), "dave"))
                .isInstanceOf(MeetingConflictException.class);

        LocalDateTime later = tomorrowAt(13, 0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                tries.add(() -> {
                    try {
                        meetings.schedule(new Meetings.Request("Race " + n, later.plusMinutes(n), 45,
                                List.of("bob"), List.of(), "room-101", null), "alice");
                        return true;
                    } catch (MeetingConflictException lost) {
                        return false;
                    }
                });
            }
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(tries)) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownPeopleAndGroupsAndPastTimesAreRefusedAuditedAndStoreNothing() throws Exception {
        BrowserSession alice = signedIn("alice");
        long before = jdbc.sql("SELECT COUNT(*) FROM meeting").query(Long.class).single();
        HttpResponse<String> unknown = send(alice, "POST", "/api/meetings", JSON.writeValueAsString(Map.of(
                "subject", "x", "start", tomorrowAt(9, 0).toString(), "durationMinutes", 30,
                "attendees", List.of("bob", "mallory"), "groups", List.of("no-such-dept"))));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("detail").asText())
                .isEqualTo("unknown to the directory: mallory, group no-such-dept");
        HttpResponse<String> past = send(alice, "POST", "/api/meetings", JSON.writeValueAsString(Map.of(
                "subject", "x", "start", LocalDateTime.now(TAIPEI).minusMinutes(5).withNano(0).toString(),
                "durationMinutes", 30, "attendees", List.of("bob"))));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(past.body()).get("detail").asText()).contains("in the past");
        // bob's clearance is unmarked: he may not call a 密 meeting.
        HttpResponse<String> uncleared = send(signedIn("bob"), "POST", "/api/meetings", JSON.writeValueAsString(Map.of(
                "subject", "x", "start", tomorrowAt(9, 0).toString(), "durationMinutes", 30,
                "attendees", List.of("alice"), "level", "secret")));
        assertThat(uncleared.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(uncleared.body()).get("detail").asText()).contains("clearance unmarked");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM meeting").query(Long.class).single()).isEqualTo(before);
        assertThat(audit.recent(new AuditQuery("alice", "meeting.schedule", null, 20)))
                .filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aClassifiedMeetingsLinkNeverAppearsInAnyNoticeAndJoiningNeedsAStepUpAndAnInvitation() throws Exception {
        BrowserSession alice = signedIn("alice");
        HttpResponse<String> created = send(alice, "POST", "/api/meetings", JSON.writeValueAsString(Map.of(
                "subject", "預算審查 Budget review", "start", tomorrowAt(16, 0).toString(), "durationMinutes", 60,
                "attendees", List.of("bob"), "level", "secret")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(inboxBodies("bob")).anySatisfy(body -> assertThat(body)
                        .contains("預算審查", "/meetings/" + id)));
        send(alice, "PUT", "/api/meetings/" + id + "/time", JSON.writeValueAsString(Map.of(
                "start", tomorrowAt(17, 0).toString())));
        meetings.remindDue();

        List<String> everything = new ArrayList<>();
        everything.addAll(jdbc.sql("SELECT parameters FROM message_outbox WHERE parameters LIKE :id")
                .param("id", "%" + id + "%").query(String.class).list());
        everything.addAll(jdbc.sql("SELECT body FROM inbox_message WHERE body LIKE :id")
                .param("id", "%" + id + "%").query(String.class).list());
        assertThat(everything).hasSizeGreaterThanOrEqualTo(4).allSatisfy(text -> assertThat(text)
                .doesNotContain("jitsi", "jwt", "aw-" + id.toLowerCase()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(calendarOf("bob").readText("bob", id + "@agency.example")).hasValueSatisfying(text ->
                        assertThat(text).contains("SEQUENCE:1").doesNotContain("jitsi", "jwt")));

        // Joining a classified meeting sends the person to confirm their sign-in first.
        Page join = alice.getNoFollow(uri("/meetings/" + id + "/join"));
        assertThat(join.status()).isEqualTo(302);
        assertThat(BrowserSession.header(join, "Location")).doesNotContain("jitsi").contains("step-up");
        // Someone not invited (a guest) gets nothing.
        assertThat(signedIn("carol").getNoFollow(uri("/meetings/" + id + "/join")).status()).isEqualTo(404);
    }

    @Test
    void anInvitedPersonJoinsAnOrdinaryMeetingWithTheirOwnLinkAndTheOrganiserAsModerator() throws Exception {
        Meeting meeting = meetings.schedule(new Meetings.Request("Stand-up", tomorrowAt(9, 30), 15,
                List.of("bob"), List.of(), null, null), "alice");
        Page aliceJoins = signedIn("alice").getNoFollow(uri("/meetings/" + meeting.id() + "/join"));
        assertThat(aliceJoins.status()).isEqualTo(302);
        String location = BrowserSession.header(aliceJoins, "Location");
        assertThat(location).startsWith(JITSI + "aw-" + meeting.id().toLowerCase() + "?jwt=");
        JsonNode claims = claims(location);
        assertThat(claims.at("/context/user/moderator").asBoolean()).isTrue();
        assertThat(claims.get("exp").asLong()).isEqualTo(meeting.end().plus(Duration.ofMinutes(30)).getEpochSecond());
        Page bobJoins = signedIn("bob").getNoFollow(uri("/meetings/" + meeting.id() + "/join"));
        String bobs = BrowserSession.header(bobJoins, "Location");
        assertThat(claims(bobs).at("/context/user/moderator").asBoolean()).isFalse();
        assertThat(signedIn("carol").getNoFollow(uri("/meetings/" + meeting.id() + "/join")).status()).isEqualTo(404);
    }

    /** The claims of the token in a Jitsi join link (its signature is checked in the connector's tests). */
    private static JsonNode claims(String joinLink) throws java.io.IOException {
        String token = joinLink.substring(joinLink.indexOf("?jwt=") + 5);
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void afterTheMeetingItsMinutesAreFiledInItsFolderWithItsLevelAndWhoJoined() throws Exception {
        Meeting ordinary = meetings.schedule(new Meetings.Request("Minutes drill", tomorrowAt(11, 0), 30,
                List.of("bob"), List.of(), null, null), "alice");
        assertThat(signedIn("alice").getNoFollow(uri("/meetings/" + ordinary.id() + "/join")).status()).isEqualTo(302);
        Meeting secret = meetings.schedule(new Meetings.Request("密件會議", tomorrowAt(11, 0), 30,
                List.of("dave"), List.of(), null, "secret"), "alice");
        // Both meetings are over: moved into the past directly, as no request may do that.
        jdbc.sql("UPDATE meeting SET starts_at = :start, ends_at = :end WHERE id IN (:ids)")
                .param("start", java.time.OffsetDateTime.now(ZoneOffset.UTC).minusHours(1))
                .param("end", java.time.OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .param("ids", List.of(ordinary.id(), secret.id())).update();

        assertThat(minutes.fileDue()).isEqualTo(2);
        assertThat(minutes.fileDue()).isZero();

        FilePath ordinaryMinutes = FilePath.of("/會議/" + ordinary.id() + "/會議紀錄.md");
        try (var in = fileStore.open(ordinaryMinutes)) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("# 會議紀錄", "Minutes drill", "Invited: bob", "Joined (video, from the workspace's join records): alice");
        }
        FilePath secretMinutes = FilePath.of("/會議/" + secret.id() + "/會議紀錄.md");
        assertThat(labels.effective(fileStore.stat(secretMinutes).orElseThrow()).label())
                .satisfies(label -> {
                    assertThat(label.level()).isEqualTo("secret");
                    assertThat(label.readers()).contains("alice", "dave");
                });
        assertThat(audit.recent(new AuditQuery("alice", "meeting.minutes", null, 5))).hasSize(2);
    }

    private List<String> inboxBodies(String login) {
        return jdbc.sql("SELECT body FROM inbox_message WHERE recipient = :login").param("login", login)
                .query(String.class).list();
    }

    private List<String> outbox(String type, String id) {
        return jdbc.sql("SELECT template_key FROM message_outbox WHERE recipient_type = :type AND recipient_id = :id")
                .param("type", type).param("id", id).query(String.class).list();
    }

    private BrowserSession signedIn(String login) {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
        BrowserSession session = new BrowserSession("en");
        logins.signIn(session, login);
        return session;
    }

    private HttpResponse<String> send(BrowserSession session, String method, String path, String json) {
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
