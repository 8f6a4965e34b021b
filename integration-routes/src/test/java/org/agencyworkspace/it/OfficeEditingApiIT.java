package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.files.editing.FakeEditors;
import org.agencyworkspace.files.editing.WopiEditor;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documented way in, as a person and a page use it: the launch API for a labelled file
 * (refused until the person re-authenticates, then a WOPISrc, an access token and its expiry,
 * and the editor's URL from discovery), and the "open in editor" page with the label banner and
 * the token form-posted into the editor's frame.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficeEditingApiIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final String PUBLIC_URL = "https://workspace.example";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.public-url", () -> PUBLIC_URL);
        registry.add("workspace.editing.collabora.url", FakeEditors.INSTANCE::url);
        registry.add("workspace.editing.onlyoffice.url", FakeEditors.INSTANCE::url);
        registry.add("workspace.editing.onlyoffice.jwt-secret", () -> "onlyoffice-test-secret-of-at-least-32-bytes");
        registry.add("workspace.editing.onlyoffice.extensions", () -> "xlsx");
    }

    @LocalServerPort
    int port;
    /** Kept across tests: the context (and so each person's enrolled authenticator) is shared. */
    static LocalLogins logins;
    @Autowired
    FileUploads uploads;

    @Test
    void aLabelledFileOpensThroughTheApiAfterAStepUpAndThePageShowsItsLabel() throws IOException {
        String path = "/總務處/簽呈.docx";
        uploads.store(FilePath.of(path), new ByteArrayInputStream("簽呈".getBytes(StandardCharsets.UTF_8)),
                new LabelRequest("secret", "人事案", null, null, "發文後解密", false, null, null),
                new WorkspaceUser("alice", "Alice Chen", List.of("staff"), List.of("general-affairs"), "secret"));
        BrowserSession alice = new BrowserSession("zh-TW");
        logins.signIn(alice, "alice");

        HttpResponse<String> beforeStepUp = launch(alice, path);
        assertThat(beforeStepUp.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(beforeStepUp.body()).get("title").asText()).isEqualTo("Step-up required");

        URI page = uri("/files/edit?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        Page askForCode = alice.get(page);
        assertThat(askForCode.uri().getPath()).isEqualTo("/step-up/totp");
        Page editorPage = alice.submit(askForCode, "#step-up-form", Map.of("code", logins.nextCode("alice")));
        assertThat(editorPage.status()).isEqualTo(200);
        assertThat(editorPage.uri().getPath()).isEqualTo("/files/edit");
        assertThat(editorPage.html().select("#editor-banner-top").text()).isEqualTo("密 SECRET");
        assertThat(editorPage.html().select("#editor-banner-bottom").text()).isEqualTo("密 SECRET");
        assertThat(editorPage.html().select("#editor-form").attr("action"))
                .startsWith("https://cool.example/browser/dist/cool.html?WOPISrc=");
        assertThat(editorPage.html().select("#editor-form").attr("target")).isEqualTo("editor-frame");
        assertThat(editorPage.html().select("#editor-form input[name=access_token]").attr("value")).isNotBlank();
        assertThat(editorPage.html().select("#editor-form input[name=access_token_ttl]").attr("value")).matches("\\d{13}");
        assertThat(editorPage.html().select(".editor-title").text()).contains("編輯中");
        assertThat(BrowserSession.header(editorPage, "Content-Security-Policy"))
                .contains("frame-src https://cool.example").contains("form-action 'self' https://cool.example");

        HttpResponse<String> launched = launch(alice, path);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
        JsonNode session = JSON.readTree(launched.body());
        assertThat(session.get("editor").asText()).isEqualTo("collabora");
        assertThat(session.get("wopiSrc").asText()).startsWith(PUBLIC_URL + "/wopi/files/");
        assertThat(session.get("accessTokenTtl").asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(session.get("editorUrl").asText()).contains("WOPISrc=" + URLEncoder.encode(session.get("wopiSrc").asText(), StandardCharsets.UTF_8));
        assertThat(session.get("level").asText()).isEqualTo("secret");

        WopiEditor collabora = new WopiEditor(PUBLIC_URL, "http://127.0.0.1:" + port);
        JsonNode info = JSON.readTree(collabora.checkFileInfo(session.get("wopiSrc").asText(),
                session.get("accessToken").asText()).body());
        assertThat(info.get("WatermarkText").asText()).contains("密 SECRET", "alice");
        assertThat(info.get("DisablePrint").asBoolean()).isTrue();
        assertThat(info.get("DisableExport").asBoolean()).isTrue();
    }

    @Test
    void badLaunchRequestsGetClearAnswers() throws IOException {
        BrowserSession erin = new BrowserSession("en");
        logins.signIn(erin, "erin");
        assertThat(launch(erin, "/nowhere/none.docx").statusCode()).isEqualTo(404);
        assertThat(launch(erin, "/../etc/passwd").statusCode()).isEqualTo(400);
        uploads.store(FilePath.of("/公開/表單.zip"), new ByteArrayInputStream(new byte[] {1}), null,
                new WorkspaceUser("erin", "Erin", List.of("staff"), List.of("personnel"), "unmarked"));
        HttpResponse<String> unsupported = launch(erin, "/公開/表單.zip");
        assertThat(unsupported.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(unsupported.body()).get("detail").asText()).contains("cannot open .zip");
    }

    @Test
    void aSpreadsheetOpensInOnlyOfficeWithItsSignedConfig() throws IOException, InterruptedException {
        uploads.store(FilePath.of("/人事室/加班.xlsx"), new ByteArrayInputStream(new byte[] {1, 2}), null,
                new WorkspaceUser("erin", "Erin", List.of("staff"), List.of("personnel"), "unmarked"));
        BrowserSession erin = new BrowserSession("en");
        logins.signIn(erin, "erin");

        Page page = erin.get(uri("/files/edit?path=" + URLEncoder.encode("/人事室/加班.xlsx", StandardCharsets.UTF_8)));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#editor-banner-top")).isEmpty(); // unmarked: no banner
        assertThat(page.html().select("script[src$=/web-apps/apps/api/documents/api.js]").attr("src"))
                .isEqualTo(FakeEditors.INSTANCE.url() + "/web-apps/apps/api/documents/api.js");
        JsonNode config = JSON.readTree(page.html().select("#onlyoffice-editor").attr("data-config"));
        assertThat(config.at("/document/fileType").asText()).isEqualTo("xlsx");
        // No WOPI access token in the page: the Document Server's link holds a fetch token good for
        // minutes, and only with the Document Server's JWT.
        String documentUrl = config.at("/document/url").asText();
        assertThat(documentUrl).startsWith(PUBLIC_URL + "/api/files/editing/onlyoffice/file/").contains("?t=");
        assertThat(page.html().outerHtml()).doesNotContain("access_token");
        HttpResponse<String> lifted = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(documentUrl.replace(PUBLIC_URL, "http://127.0.0.1:" + port))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(lifted.statusCode()).isEqualTo(401);
        assertThat(config.at("/editorConfig/callbackUrl").asText()).startsWith(PUBLIC_URL + "/api/files/editing/onlyoffice/callback/");
        assertThat(config.at("/editorConfig/user/id").asText()).isEqualTo("erin");
        assertThat(config.get("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(BrowserSession.header(page, "Content-Security-Policy")).contains("script-src 'self' " + FakeEditors.INSTANCE.url());
    }

    @org.junit.jupiter.api.BeforeEach
    void logins() {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
    }

    private HttpResponse<String> launch(BrowserSession browser, String path) throws IOException {
        return browser.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/files/editing/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("path", path, "mode", "edit")))));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
