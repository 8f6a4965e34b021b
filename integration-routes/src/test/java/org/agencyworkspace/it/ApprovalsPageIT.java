package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.Test;

/**
 * Approvals in the browser and over the API on the embedded workspace: a request for the
 * managers is decided by a manager on the approvals page, once; someone without the role, and
 * the requester, may not decide it; every decision is audited.
 */
class ApprovalsPageIT extends EmbeddedWorkspacePages {

    @Test
    void aManagerDecidesOnThePageOnceAndNobodyElseMay() throws Exception {
        BrowserSession alice = new BrowserSession("en");
        logins().signIn(alice, "alice");
        HttpResponse<String> asked = post(alice, "/api/approvals",
                "{\"kind\":\"expense-claim\",\"subject\":\"Taxi 2026-11-27\",\"approverRole\":\"manager\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String id = JSON.readTree(asked.body()).get("id").asText();
        assertThat(alice.get(uri("/approvals")).html().select("#approvals-mine").text()).contains(id);
        HttpResponse<String> elsewhere = post(alice, "/api/approvals", "{\"kind\":\"x\","
                + "\"subject\":\"y\",\"approverRole\":\"manager\",\"link\":\"https://evil.test/\"}");
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("a link is a path in the workspace");

        BrowserSession carol = new BrowserSession("en");
        logins().signIn(carol, "carol");
        assertThat(carol.get(uri("/approvals")).html().select("#approvals-waiting")).isEmpty();
        assertThat(post(carol, "/api/approvals/" + id + "/decision", "{\"approve\":true}").statusCode())
                .isEqualTo(403);
        assertThat(post(alice, "/api/approvals/" + id + "/decision", "{\"approve\":true}").statusCode())
                .isEqualTo(403);

        BrowserSession dave = new BrowserSession("en");
        logins().signIn(dave, "dave");
        Page page = dave.get(uri("/approvals"));
        assertThat(page.html().select("#approvals-waiting tr[data-id=" + id + "]")).hasSize(1);
        Page noReason = dave.submit(page, "tr[data-id=" + id + "] form.reject-form", Map.of("reason", " "));
        assertThat(noReason.html().select("p.alert").text()).contains("Give a reason");
        Page approved = dave.submit(noReason, "tr[data-id=" + id + "] form.approve-form", Map.of());
        assertThat(approved.html().select("p.notice").text()).contains(id, "decided");
        assertThat(approved.html().select("#approvals-waiting")).isEmpty();

        JsonNode seen = JSON.readTree(alice.get(uri("/api/approvals/" + id)).body());
        assertThat(seen.get("status").asText()).isEqualTo("APPROVED");
        assertThat(seen.get("decidedBy").asText()).isEqualTo("dave");
        assertThat(post(dave, "/api/approvals/" + id + "/decision",
                "{\"approve\":false,\"reason\":\"changed my mind\"}").statusCode()).isEqualTo(409);
        assertThat(audit.recent(new AuditQuery("dave", "approval.approve", null, 5))).singleElement()
                .satisfies(event -> assertThat(event.target().id()).isEqualTo(id));
    }

    @Test
    void aLinkThatLeavesTheWorkspaceIsRefusedAuditedAndStoresNothing() throws Exception {
        BrowserSession alice = new BrowserSession("en");
        logins().signIn(alice, "alice");
        int before = alice.get(uri("/approvals")).html().select("#approvals-mine tr").size();
        long refusedBefore = refusedRequests("alice");
        // The review's attack, and its relatives: each reads as //evil.example to a browser.
        for (String link : new String[] {"/\\evil.example/", "/%2F%2Fevil.example/", "/%5Cevil.example",
                "/\t/evil.example", "/./evil.example"}) {
            HttpResponse<String> asked = post(alice, "/api/approvals", JSON.writeValueAsString(Map.of(
                    "kind", "x", "subject", "y", "approverRole", "manager", "link", link)));
            assertThat(asked.statusCode()).as(link + ": " + asked.body()).isEqualTo(400);
            assertThat(JSON.readTree(asked.body()).get("detail").asText()).startsWith("a link is a path in the workspace");
        }
        assertThat(alice.get(uri("/approvals")).html().select("#approvals-mine tr")).hasSize(before);
        assertThat(refusedRequests("alice")).isEqualTo(refusedBefore + 5);
    }


    private long refusedRequests(String login) {
        return audit.recent(new AuditQuery(login, "approval.request", null, 50)).stream()
                .filter(event -> event.outcome() == org.agencyworkspace.platform.audit.AuditEvent.Outcome.FAILURE)
                .count();
    }

    private HttpResponse<String> post(BrowserSession session, String path, String json) {
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

}
