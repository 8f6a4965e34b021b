package org.agencyworkspace.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.connector.calendar.ICalendarCodec;
import org.agencyworkspace.connector.calendar.Invitation;
import org.agencyworkspace.meetings.Meeting;
import org.agencyworkspace.meetings.MeetingInvitations;
import org.agencyworkspace.meetings.Meetings;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Meeting creation end to end against the real Radicale of deploy/local: from
 * {@code Meetings.schedule} (50 attendees, room, Jitsi room, chat notices in the outbox) until
 * every one of the 51 calendars (attendees and organiser) holds the invitation; beside it the
 * same 51 iCalendar PUTs sent straight to Radicale, one after another. Writes the meetings
 * section of {@code docs/benchmarks.md}; asserts nothing about speed.
 *
 * <p>Run by {@code bin/workspace bench meetings}. Size: {@code -Dbench.meetings.count=20}.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeetingsBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingsBenchmark.class);
    private static final int COUNT = Integer.getInteger("bench.meetings.count", 20);
    private static final int ATTENDEES = 50;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String POLL = "50ms";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void radicale(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.meetings.caldav.url", () -> StackEnvironment.require("WORKSPACE_CALDAV_URL"));
        registry.add("workspace.meetings.caldav.username", () -> StackEnvironment.require("WORKSPACE_CALDAV_USER"));
        registry.add("workspace.meetings.caldav.password", () -> StackEnvironment.require("WORKSPACE_CALDAV_PASSWORD"));
        registry.add("workspace.meetings.delivery.poll-interval", () -> POLL);
        registry.add("workspace.meetings.video.backend", () -> "jitsi");
        registry.add("workspace.meetings.video.url", () -> "https://meet.jitsi.test/");
        registry.add("workspace.meetings.video.app-id", () -> "workspace");
        registry.add("workspace.meetings.video.secret", () -> "bench-secret-that-is-at-least-32-bytes-long");
    }

    @Autowired
    Meetings meetings;
    @Autowired
    MeetingInvitations invitations;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI caldav = URI.create(StackEnvironment.require("WORKSPACE_CALDAV_URL"));
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (StackEnvironment.require("WORKSPACE_CALDAV_USER") + ":"
                    + StackEnvironment.require("WORKSPACE_CALDAV_PASSWORD")).getBytes(StandardCharsets.UTF_8));

    @Test
    void meetingCreationWithFiftyInvitationsAgainstDirectPuts() throws Exception {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < ATTENDEES; i++) {
            String login = "bmk" + RUN + "-" + i;
            people.add(login);
            addPerson(login);
            makeCalendar(login);
        }
        // Warm-up: one of each, so neither pays for first calls.
        workspaceMeeting(people, 0);
        directPuts(people, 0);

        List<Duration> workspace = new ArrayList<>();
        List<Duration> direct = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            workspace.add(workspaceMeeting(people, i));
            direct.add(directPuts(people, i));
        }
        LatencySummary ws = LatencySummary.of(workspace);
        LatencySummary base = LatencySummary.of(direct);
        String section = """
                ## Meetings (`bin/workspace bench meetings`)

                Measured %s on %s, against the real Radicale 3.1 of `deploy/local` (one process
                on the same machine). **Workspace**: from `Meetings.schedule` with %d attendees and
                a room until all %d calendars (attendees and organiser) hold the invitation: room
                booking, Jitsi room (token-based, no server call), invitations queued, chat
                notices written to the outbox (delivered by the in-app channel; Matrix is not in
                this figure), then the `meeting-invitations` route (polling every %s) GETs and PUTs
                each calendar one after another. **Baseline**: the same %d iCalendar PUTs sent
                straight to Radicale one after another, no GET. %d meetings each.

                | measure | workspace | baseline (direct PUTs) | ratio |
                |---|---|---|---|
                | p50 (ms) | %d | %d | %s |
                | p95 (ms) | %d | %d | %s |
                | max (ms) | %d | %d | %s |
                """.formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), Machine.current().describe(),
                ATTENDEES, ATTENDEES + 1, POLL, ATTENDEES + 1, COUNT,
                ws.p50().toMillis(), base.p50().toMillis(), ratio(ws.p50(), base.p50()),
                ws.p95().toMillis(), base.p95().toMillis(), ratio(ws.p95(), base.p95()),
                ws.max().toMillis(), base.max().toMillis(), ratio(ws.max(), base.max()));
        Path report = Path.of(System.getProperty("bench.report",
                StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
        new BenchmarkReport(report).writeSection("meetings", section);
        LOG.info("Meetings benchmark written to {}:\n{}", report, section);
    }

    private Duration workspaceMeeting(List<String> people, int n) {
        long start = System.nanoTime();
        Meeting meeting = meetings.schedule(new Meetings.Request("Bench " + RUN + " " + n,
                LocalDate.now().plusDays(2).atTime(LocalTime.of(8, 0)).plusMinutes(30L * n), 30,
                people, List.of(), "room-101", null), "alice");
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> Map.of("DELIVERED", ATTENDEES + 1).equals(invitations.statusOf(meeting.id())));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Duration directPuts(List<String> people, int n) throws Exception {
        String uid = "direct-" + RUN + "-" + n + "@agency.example";
        List<Invitation.Person> attendees = people.stream()
                .map(login -> new Invitation.Person(login, login + "@agency.example")).toList();
        long start = System.nanoTime();
        String text = ICalendarCodec.write(new Invitation(uid, 0, false, "Direct " + n,
                LocalDate.now().plusDays(3).atTime(8, 0).atZone(java.time.ZoneId.of("Asia/Taipei")),
                Duration.ofMinutes(30), "room", "direct", null,
                new Invitation.Person("alice", "alice@agency.example"), attendees), Instant.now());
        List<String> owners = new ArrayList<>(people);
        owners.add("alice");
        for (String owner : owners) {
            HttpResponse<Void> answer = send(HttpRequest.newBuilder(
                            caldav.resolve(owner + "/calendar/" + uid + ".ics"))
                    .header("Authorization", authorization)
                    .header("Content-Type", "text/calendar; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(text)).build());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("direct PUT answered " + answer.statusCode());
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void addPerson(String login) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO local_account (username, display_name_en, display_name_zh, password_hash,
                    clearance, enabled, created_at, updated_at)
                VALUES (:login, :login, :login, '!', 'unmarked', TRUE, :now, :now)
                """).param("login", login).param("now", now).update();
    }

    private void makeCalendar(String login) throws Exception {
        for (var step : List.of(Map.entry("MKCOL", login + "/"), Map.entry("MKCALENDAR", login + "/calendar/"))) {
            HttpResponse<Void> answer = send(HttpRequest.newBuilder(caldav.resolve(step.getValue()))
                    .header("Authorization", authorization)
                    .method(step.getKey(), HttpRequest.BodyPublishers.ofString("")).build());
            if (answer.statusCode() != 201 && answer.statusCode() != 405) {
                throw new IllegalStateException(step + " answered " + answer.statusCode());
            }
        }
    }

    /**
     * Sends once more when no answer came at all, as the workspace's CalDAV client does:
     * Radicale (HTTP/1.0) closes every connection and the JDK client now and then reuses one.
     */
    private HttpResponse<Void> send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException noAnswer) {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static String ratio(Duration measured, Duration baseline) {
        return baseline.isZero() ? "n/a" : "%.2f×".formatted((double) measured.toNanos() / baseline.toNanos());
    }
}
