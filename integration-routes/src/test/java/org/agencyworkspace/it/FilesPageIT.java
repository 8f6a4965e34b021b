package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's file journey on the embedded workspace, through the pages as a browser submits
 * them: a folder, two files, one labelled 密, a share refused with its reason, both found by
 * search, one deleted (a reason asked for) and restored from the trash; a colleague below 密
 * finds only the other and is refused every change over the API, audited.
 */
class FilesPageIT extends EmbeddedWorkspacePages {

    @Test
    void aNewcomerOrganisesFilesAndAColleagueBelowTheLevelSeesNothingOfTheSecretOne() throws Exception {
        LocalLogins logins = logins();
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");

        Page top = alice.get(uri("/files"));
        Page made = alice.submit(top, "form.new-folder", Map.of("name", "專案甲"));
        assertThat(made.html().select("p.notice").text()).contains("專案甲");
        assertThat(upload(alice, "/專案甲/預算 2027.txt").statusCode()).isEqualTo(200);
        assertThat(upload(alice, "/專案甲/會議紀錄.txt").statusCode()).isEqualTo(200);

        Page folder = alice.get(uri("/files?path=" + encode("/專案甲")));
        Page labelled = alice.submit(folder, row("/專案甲/預算 2027.txt") + " form.label-form",
                Map.of("level", "secret", "reason", "預算草案", "declassifyCondition", "預算公告後"));
        assertThat(labelled.html().select(row("/專案甲/預算 2027.txt")).attr("data-level")).isEqualTo("secret");
        // The share dialog offers only what the level allows, and says why a share is refused.
        assertThat(labelled.html().select(row("/專案甲/預算 2027.txt") + " details.share option")
                .eachAttr("value")).containsExactly("USER", "GROUP");
        Page shared = alice.submit(labelled, row("/專案甲/會議紀錄.txt") + " details.share form",
                Map.of("type", "USER", "sharedWith", "dave"));
        assertThat(shared.html().select("p.alert").text()).contains("Not done", "no sharing");

        Page found = alice.get(uri("/files/search?q=" + encode("2027")));
        assertThat(found.html().select("#search-results tr[data-path]").eachAttr("data-path"))
                .containsExactly("/專案甲/預算 2027.txt");
        assertThat(alice.get(uri("/files/search?q=&level=secret")).html()
                .select("#search-results tr[data-path]").eachAttr("data-path")).contains("/專案甲/預算 2027.txt");

        Page noReason = alice.submit(shared, row("/專案甲/預算 2027.txt") + " form[action$=/files/delete]",
                Map.of("reason", ""));
        assertThat(noReason.html().select("p.alert").text()).contains("needs a reason");
        Page deleted = alice.submit(noReason, row("/專案甲/預算 2027.txt") + " form[action$=/files/delete]",
                Map.of("reason", "重複"));
        assertThat(deleted.html().select(row("/專案甲/預算 2027.txt"))).isEmpty();
        Page trash = alice.get(uri("/files/trash"));
        assertThat(trash.html().select("#trash tr[data-id]")).hasSize(1);
        Page restored = alice.submit(trash, "#trash tr[data-id] form", Map.of());
        assertThat(restored.html().select("p.notice").text()).contains("/專案甲/預算 2027.txt");
        assertThat(alice.get(uri("/files?path=" + encode("/專案甲"))).html()
                .select(row("/專案甲/預算 2027.txt")).attr("data-level")).isEqualTo("secret");

        BrowserSession erin = new BrowserSession("zh-TW");
        logins.signIn(erin, "erin");
        assertThat(erin.get(uri("/files/search?q=txt")).html()
                .select("#search-results tr[data-path]").eachAttr("data-path"))
                .containsExactly("/專案甲/會議紀錄.txt");
        JsonNode apiSearch = JSON.readTree(erin.get(uri("/api/files/search?q=2027")).body());
        assertThat(apiSearch).isEmpty();
        String secret = encode("/專案甲/預算 2027.txt");
        for (String attempt : new String[] {"/api/files/rename?name=x.txt&path=" + secret,
                "/api/files/copy?to=%2F&path=" + secret, "/api/files/move?to=%2F&path=" + secret,
                "/api/files/delete?reason=x&path=" + secret}) {
            HttpResponse<String> refused = erin.sendWithCsrf(uri("/files"),
                    HttpRequest.newBuilder(uri(attempt)).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(refused.statusCode()).as(attempt).isEqualTo(403);
            assertThat(refused.body()).contains("File action refused");
        }
        assertThat(audit.recent(new AuditQuery("erin", null, null, 50)).stream()
                .filter(event -> event.outcome() == AuditEvent.Outcome.FAILURE)
                .map(AuditEvent::action))
                .contains("file.rename", "file.copy", "file.move", "file.delete");
        assertThat(alice.get(uri("/files?path=" + encode("/專案甲"))).html()
                .select(row("/專案甲/預算 2027.txt"))).hasSize(1);
    }

    @Test
    void anOverwriteKeepsAVersionThePageListsDownloadsAndRestores() throws Exception {
        LocalLogins logins = logins();
        BrowserSession bob = new BrowserSession("zh-TW");
        logins.signIn(bob, "bob");
        String path = "/版本測試/說明.txt";
        assertThat(upload(bob, path, "第一版").statusCode()).isEqualTo(200);
        assertThat(upload(bob, path, "第二版，較長").statusCode()).isEqualTo(200);

        Page versions = bob.get(uri("/files/versions?path=" + encode(path)));
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.html().select("h1").text()).contains("版本", "說明.txt");
        assertThat(versions.html().select("#versions tr[data-id]")).hasSize(1);
        assertThat(versions.html().select("#versions tr[data-id] td").get(1).text()).isEqualTo("bob");
        HttpResponse<byte[]> copy = bob.download(uri(versions.html()
                .selectFirst("#versions tr[data-id] a").attr("href")));
        assertThat(new String(copy.body(), StandardCharsets.UTF_8)).isEqualTo("第一版");

        Page restored = bob.submit(versions, "#versions tr[data-id] form", Map.of());
        assertThat(restored.html().select("p.notice").text()).contains("說明.txt");
        assertThat(restored.html().select("#versions tr[data-id]")).hasSize(2);
        assertThat(new String(bob.download(uri("/files/content?path=" + encode(path))).body(),
                StandardCharsets.UTF_8)).isEqualTo("第一版");
        JsonNode listed = JSON.readTree(bob.get(uri("/api/files/versions?path=" + encode(path))).body());
        assertThat(listed).hasSize(2);
        assertThat(audit.recent(new AuditQuery("bob", "file.version.restore", null, 5))).hasSize(1);
    }

    private HttpResponse<String> upload(BrowserSession session, String path, String content) {
        return session.sendWithCsrf(uri("/files"), HttpRequest.newBuilder(
                uri("/api/files/upload?path=" + encode(path)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(content)));
    }

    private HttpResponse<String> upload(BrowserSession session, String path) {
        return session.sendWithCsrf(uri("/files"), HttpRequest.newBuilder(
                uri("/api/files/upload?path=" + encode(path)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("content of " + path)));
    }

    private static String row(String path) {
        return "tr[data-path='" + path + "']";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
