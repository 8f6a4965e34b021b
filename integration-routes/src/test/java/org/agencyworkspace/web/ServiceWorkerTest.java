package org.agencyworkspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service worker itself, run in Node with a browser's service-worker globals faked
 * ({@code pwa/sw-harness.mjs}): it keeps the static shell only, never answers API calls or file
 * requests, never stores a page (any of which may show classified content), and offline shows
 * the offline page. Needs {@code node} on the PATH (Debian's nodejs; installed with the stack).
 */
class ServiceWorkerTest {

    private static final Path WORKER = Path.of("src/main/resources/app/sw.js");
    private static JsonNode run;

    @BeforeAll
    static void runTheWorker() throws Exception {
        Process node = new ProcessBuilder("node", "src/test/resources/pwa/sw-harness.mjs", WORKER.toString())
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        run = new ObjectMapper().readTree(output);
    }

    @Test
    void apiCallsAndFilesAreNeverAnsweredByTheWorkerOnlineOrOffline() {
        for (JsonNode result : run.get("results")) {
            String url = result.get("url").asText();
            if (url.startsWith("/api/") || url.startsWith("/files") || url.startsWith("https://elsewhere")) {
                assertThat(result.get("handled").asBoolean()).as(url).isFalse();
            }
        }
    }

    @Test
    void nothingButTheStaticShellIsEverStoredOnTheDevice() throws IOException {
        assertThat(run.get("puts")).isEmpty();
        List<String> cached = new ArrayList<>();
        run.get("cached").get("workspace-shell-v1").forEach(path -> cached.add(path.asText()));
        assertThat(cached).containsExactlyInAnyOrder("/offline.html", "/css/workspace.css", "/js/workspace.js",
                "/js/app.js", "/img/icons/icon-192.png", "/img/icons/icon-512.png", "/manifest.webmanifest");
        assertThat(run.get("cached").size()).isEqualTo(1);
        // Every shell file exists, or the browser's install (cache.addAll) would fail.
        for (String path : cached) {
            Path file = path.equals("/manifest.webmanifest") ? Path.of("src/main/resources/app/manifest.webmanifest")
                    : Path.of("src/main/resources/static" + path);
            assertThat(Files.isRegularFile(file)).as(path).isTrue();
        }
    }

    @Test
    void pagesComeFromTheNetworkAndOfflineTheOfflinePageSaysWhatWorks() {
        for (JsonNode result : run.get("results")) {
            if (result.get("url").asText().equals("/official-documents/42")) {
                assertThat(result.get("handled").asBoolean()).isTrue();
                assertThat(result.get("body").asText()).isEqualTo(result.get("online").asBoolean()
                        ? "network:/official-documents/42" : "network:/offline.html");
            }
        }
    }

    @Test
    void aPushShowsTheTitleAndAClickOpensOnlyTheWorkspace() {
        JsonNode shown = run.get("notifications").get(0);
        assertThat(shown.get("title").asText()).isEqualTo("Approval");
        assertThat(shown.at("/options/data/url").asText()).isEqualTo("https://workspace.agency.test/approvals");
        assertThat(run.get("opened").get(0).asText()).isEqualTo("https://workspace.agency.test/");
    }

    @Test
    void theOfflinePageIsInBothLanguages() throws IOException {
        String page = Files.readString(Path.of("src/main/resources/static/offline.html"));
        assertThat(page).contains("<section lang=\"zh-TW\">", "<section lang=\"en\">", "目前沒有連線", "You are offline",
                "To protect classified information", "從不存放");
    }
}
