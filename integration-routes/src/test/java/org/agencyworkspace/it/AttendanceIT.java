package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.agencyworkspace.attendance.AttendanceRequest;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Remote attendance on the embedded workspace, as a new user tries it: sign in, confirm with a
 * code, clock in remote and out on the page; a second clock-in and a retry over the API; a
 * correction approved by the manager; personnel export the month; nobody sees beyond their role.
 */
class AttendanceIT extends EmbeddedWorkspacePages {
    @Autowired
    AttendanceService attendance;

    @Test
    void clockInRemoteAndOutOnThePageAfterAStepUpWithRetriesAndSecondTapsOverTheApi() throws Exception {
        LocalLogins logins = logins();
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");

        Page first = alice.get(uri("/attendance"));
        assertThat(first.html().select("#verify")).hasSize(1);
        assertThat(first.html().select("#clock-form")).isEmpty();
        assertThat(first.html().select("#rule").text()).contains("08:00", "09:30", "Asia/Taipei");
        HttpResponse<String> early = post(alice, "/api/attendance/clock-in", "{\"workMode\":\"remote\"}", null);
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(early.body()).get("reason").asText()).isEqualTo("STEP_UP_REQUIRED");

        Page codePage = alice.get(uri("/attendance/verify"));
        assertThat(codePage.uri().getPath()).isEqualTo("/step-up/totp");
        Page button = alice.submit(codePage, "#step-up-form", Map.of("code", logins.nextCode("alice")));
        assertThat(button.uri().getPath()).isEqualTo("/attendance");
        assertThat(button.html().select("#clock-button").text()).isEqualTo("Clock in");

        Page clockedIn = alice.submit(button, "#clock-form", Map.of("mode", "remote", "device", "phone"));
        assertThat(clockedIn.status()).isEqualTo(200);
        assertThat(clockedIn.html().select("p.notice").text()).isEqualTo("Clocked in.");
        assertThat(clockedIn.html().select("#clock-in").text()).matches("\\d\\d:\\d\\d");
        assertThat(clockedIn.html().select("#clock-button").text()).isEqualTo("Clock out");

        HttpResponse<String> second = post(alice, "/api/attendance/clock-in", "{}", "other-tap");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("reason").asText()).isEqualTo("ALREADY_CLOCKED_IN");
        HttpResponse<String> forBob = post(alice, "/api/attendance/clock-out", "{\"login\":\"bob\"}", null);
        assertThat(forBob.statusCode()).isEqualTo(403);

        HttpResponse<String> out = post(alice, "/api/attendance/clock-out", "{}", "tap-1");
        HttpResponse<String> retry = post(alice, "/api/attendance/clock-out", "{}", "tap-1");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("repeated").asBoolean()).isTrue();
        assertThat(JSON.readTree(retry.body()).get("record").get("id").asText())
                .isEqualTo(JSON.readTree(out.body()).get("record").get("id").asText());

        Page done = alice.get(uri("/attendance"));
        assertThat(done.html().select("#clock-form")).isEmpty();
        assertThat(audit.recent(new AuditQuery("alice", "attendance.clock-in", null, 10)))
                .filteredOn(event -> event.outcome() == AuditEvent.Outcome.SUCCESS).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("workMode", "REMOTE")
                        .containsEntry("networkZone", "outside").containsEntry("channel", "web"));
        assertThat(audit.recent(new AuditQuery("alice", "attendance.clock-in", null, 10)))
                .filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE).singleElement()
                .satisfies(event -> assertThat(event.reason()).startsWith("ALREADY_CLOCKED_IN"));
        assertThat(audit.recent(new AuditQuery("alice", "attendance.refused", null, 10)))
                .extracting(AuditEvent::reason).anySatisfy(reason -> assertThat(reason).startsWith("STEP_UP_REQUIRED"))
                .anySatisfy(reason -> assertThat(reason).startsWith("NOT_PERMITTED"));
    }

    @Test
    void aCorrectionApprovedByTheManagerShowsCorrectedAndPersonnelExportTheMonth() throws Exception {
        LocalLogins logins = logins();
        BrowserSession bob = new BrowserSession("zh-TW");
        logins.signIn(bob, "bob");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Taipei"));
        Page requests = bob.get(uri("/attendance/requests"));
        Page asked = bob.submit(requests, "#correction-form", Map.of("date", today.toString(), "clockKind", "in",
                "time", "00:01", "reason", "手機沒電"));
        assertThat(asked.html().select("p.notice").text()).isEqualTo("已送主管核定。");
        String approvalId = asked.html().select("#my-requests tr[data-approval]").attr("data-approval");
        Page future = bob.submit(asked, "#correction-form", Map.of("date", today.plusDays(2).toString(),
                "clockKind", "in", "time", "08:00", "reason", "x"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.html().select("#refusal").text()).isEqualTo("日期或時間在未來。");

        BrowserSession dave = new BrowserSession("en");
        logins.signIn(dave, "dave");
        Page approvals = dave.get(uri("/approvals"));
        Page approved = dave.submit(approvals, "tr[data-id=" + approvalId + "] form.approve-form", Map.of());
        assertThat(approved.html().select("p.notice").text()).contains(approvalId);
        // The approval.decided route marks the request without anyone opening a page.
        String requestId = attendance.requestsOf("bob").get(0).id();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                attendance.request(requestId).orElseThrow().status() == AttendanceRequest.Status.APPROVED);

        Page month = bob.get(uri("/attendance/records"));
        assertThat(month.html().select("#month tr[data-date=" + today + "] .corrected").text()).isEqualTo("已補登");
        assertThat(month.html().select("#month tr[data-date=" + today + "] td").get(1).text()).isEqualTo("00:01");

        assertThat(get(bob, "/api/attendance/records?login=alice").statusCode()).isEqualTo(403);
        assertThat(bob.download(uri("/attendance/export?format=csv")).statusCode()).isEqualTo(403);

        BrowserSession erin = new BrowserSession("en");
        logins.signIn(erin, "erin");
        HttpResponse<byte[]> csv = erin.download(uri("/attendance/export?format=csv"));
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFlogin,name,department,date,");
        assertThat(text).contains("\r\nbob,林志明,it," + today + ",");
        HttpResponse<byte[]> xlsx = erin.download(uri("/api/attendance/export?format=xlsx"));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()).startsWith(new byte[] {'P', 'K'});
        JsonNode bobsMonth = JSON.readTree(get(erin, "/api/attendance/records?login=bob").body());
        assertThat(bobsMonth.isArray()).isTrue();
    }

    private HttpResponse<String> post(BrowserSession session, String path, String json, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return session.sendWithCsrf(uri("/attendance"), builder);
    }

    private HttpResponse<String> get(BrowserSession session, String path) {
        return session.send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET(), uri(path));
    }

}
