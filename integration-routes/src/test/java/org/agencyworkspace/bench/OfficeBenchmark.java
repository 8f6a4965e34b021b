package org.agencyworkspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.agencyworkspace.files.editing.EditingSessions;
import org.agencyworkspace.files.editing.FakeEditors;
import org.agencyworkspace.files.editing.WopiEditor;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The WOPI host's cost over the storage it fronts: GetFile and PutFile of a 10 MB labelled file
 * through the host (token check, proof signature, directory and label lookups, policy, lock,
 * streaming, If-Match write) beside the same GET and conditional PUT sent straight to the real
 * WebDAV server, alternating, in one run; and CheckFileInfo's latency beside a PROPFIND of the
 * same file. Written to the office section of {@code docs/benchmarks.md}. Collabora cannot run
 * here: the requests are the ones it sends, proof-signed as it signs them.
 */
@DirtiesContext
@ActiveProfiles("webdav")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficeBenchmark {

    static final String PUBLIC_URL = "https://workspace.example";
    static final int SIZE = 10 * 1024 * 1024;
    static final WorkspaceUser ALICE = new WorkspaceUser("alice", "Alice Chen", List.of("staff"),
            List.of("general-affairs"), "secret");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void editing(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> "Demo-Password-2026");
        registry.add("workspace.public-url", () -> PUBLIC_URL);
        registry.add("workspace.editing.token-secret", () -> "benchmark-token-secret-of-32-bytes-long");
        registry.add("workspace.editing.collabora.url", FakeEditors.INSTANCE::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    FileUploads uploads;
    @Autowired
    EditingSessions sessions;
    @Autowired
    FileStore store;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String davUser = StackEnvironment.require("WORKSPACE_WEBDAV_USER");
    private final String davAuth = "Basic " + Base64.getEncoder().encodeToString((davUser + ":"
            + StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD")).getBytes(StandardCharsets.UTF_8));

    @Test
    void hostBesideDirectWebDav() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 10);
        int infoCalls = Integer.getInteger("bench.infoCalls", 200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        FilePath folder = FilePath.of("/bench-office-" + run);
        FilePath hosted = folder.resolve("報告.docx");
        FilePath direct = folder.resolve("baseline.docx");
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        uploads.store(hosted, new ByteArrayInputStream(content), new LabelRequest("secret", "benchmark",
                null, null, "benchmark", false, null, null), ALICE);
        store.write(direct, new ByteArrayInputStream(content), null);
        EditingSessions.Launch launch = sessions.open(sessions.check(hosted, ALICE), ALICE, true, Locale.ENGLISH);
        WopiEditor collabora = new WopiEditor(PUBLIC_URL, "http://127.0.0.1:" + port);
        assertThat(collabora.lock(launch.wopiSrc(), launch.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "bench")).statusCode()).isEqualTo(200);
        URI directUrl = davUrl(direct);

        List<Long> hostGet = new ArrayList<>();
        List<Long> directGet = new ArrayList<>();
        List<Long> hostPut = new ArrayList<>();
        List<Long> directPut = new ArrayList<>();
        for (int round = -2; round < rounds; round++) { // two warm-up rounds, not counted
            long a = time(() -> expect(200, collabora.getFileDiscarding(launch.wopiSrc(), launch.accessToken()).statusCode()));
            long b = time(() -> expect(200, send(HttpRequest.newBuilder(directUrl).GET()).statusCode()));
            settle(hosted);
            long c = time(() -> expect(200, collabora.putFile(launch.wopiSrc(), launch.accessToken(), content,
                    Map.of("X-WOPI-Lock", "bench")).statusCode()));
            String etag = settle(direct);
            long d = time(() -> expectIn(send(HttpRequest.newBuilder(directUrl).header("If-Match", etag)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content))).statusCode(), 201, 204));
            if (round >= 0) {
                hostGet.add(a);
                directGet.add(b);
                hostPut.add(c);
                directPut.add(d);
            }
        }
        List<Long> info = new ArrayList<>();
        List<Long> propfind = new ArrayList<>();
        String propfindBody = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/>"
                + "<d:getcontentlength/><d:getlastmodified/></d:prop></d:propfind>";
        for (int call = -20; call < infoCalls; call++) {
            long a = time(() -> expect(200, collabora.checkFileInfo(launch.wopiSrc(), launch.accessToken()).statusCode()));
            long b = time(() -> expect(207, send(HttpRequest.newBuilder(directUrl).header("Depth", "0")
                    .header("Content-Type", "application/xml")
                    .method("PROPFIND", HttpRequest.BodyPublishers.ofString(propfindBody))).statusCode()));
            if (call >= 0) {
                info.add(a);
                propfind.add(b);
            }
        }
        new BenchmarkReport(StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md"))
                .writeSection("office", report(run, rounds, infoCalls, hostGet, directGet, hostPut, directPut, info, propfind));
    }

    private String report(String run, int rounds, int infoCalls, List<Long> hostGet, List<Long> directGet,
            List<Long> hostPut, List<Long> directPut, List<Long> info, List<Long> propfind) {
        StringBuilder text = new StringBuilder();
        text.append("## Office editing: the WOPI host beside direct WebDAV\n\n")
                .append("Measured ").append(OffsetDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx")))
                .append(" by `bin/workspace bench office` (`OfficeBenchmark`, run `").append(run)
                .append("`) against the real WebDAV server of `deploy/local` (Apache, laid out as Nextcloud) on loopback.\n\n")
                .append("- **Machine**: ").append(Machine.current().describe()).append(".\n")
                .append("- **Workspace**: Spring Boot application in the benchmark's JVM, embedded H2, profile `webdav`; ")
                .append("every WOPI request proof-signed as Collabora signs it and checked, token, directory entry, label and policy looked up anew.\n")
                .append("- **File**: 10 MiB of random bytes labelled 密 (secret); ").append(rounds)
                .append(" rounds after 2 warm-up rounds, host and baseline alternating.\n")
                .append("- **Host**: `GET /wopi/files/{id}/contents` (streamed from WebDAV in 256 KiB blocks) and `POST …/contents` with ")
                .append("`X-WOPI-Override: PUT` and the lock (size, lock and version checked first, then the body, held to its ")
                .append("Content-Length, streamed into the If-Match PUT to WebDAV; no temporary file).\n")
                .append("- **Baseline**: the same GET, and the same If-Match PUT, sent straight to WebDAV. Before each PUT, ")
                .append("both sides wait, untimed, for Apache to hand out a strong ETag (it gives weak ones for a second after a change).\n\n")
                .append("| 10 MiB file | host median | baseline median | ratio | host p95 | baseline p95 |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        row(text, "GetFile", hostGet, directGet);
        row(text, "PutFile", hostPut, directPut);
        text.append("\n| ").append(infoCalls).append(" calls after 20 warm-up calls | p50 | p95 | max |\n|---|---:|---:|---:|\n");
        text.append("| CheckFileInfo through the host | ").append(ms(pct(info, 50))).append(" | ").append(ms(pct(info, 95)))
                .append(" | ").append(ms(pct(info, 100))).append(" |\n");
        text.append("| baseline: PROPFIND of the file on WebDAV | ").append(ms(pct(propfind, 50))).append(" | ")
                .append(ms(pct(propfind, 95))).append(" | ").append(ms(pct(propfind, 100))).append(" |\n");
        text.append("| ratio host / baseline | ").append(ratio(pct(info, 50), pct(propfind, 50))).append(" | ")
                .append(ratio(pct(info, 95), pct(propfind, 95))).append(" | |\n\n")
                .append("CheckFileInfo does one PROPFIND (the file) plus one per folder above it for an inherited label, ")
                .append("and database lookups (token session, directory, label, lock); the baseline is the single PROPFIND.\n\n")
                .append("Where the host's time goes (JFR, 2026-12-07, request threads): every request does a PROPFIND of the file ")
                .append("(the label and policy are judged on the file as it is now) and a save two more (the version under the lock, ")
                .append("the new version after the PUT); a fifth of the host's CPU samples are Sardine parsing the PROPFIND answers ")
                .append("(JAXB, with a new XML parser looked up on the class path per answer), a few per cent writing the PROPFIND ")
                .append("request, the rest the database lookups, the token and proof checks and the audit record. ")
                .append("Nothing is cached across requests: a relabel or a move is seen by the next request.\n");
        return text.toString();
    }

    private static void row(StringBuilder text, String name, List<Long> host, List<Long> base) {
        text.append("| ").append(name).append(" | ").append(ms(pct(host, 50))).append(" | ").append(ms(pct(base, 50)))
                .append(" | ").append(ratio(pct(host, 50), pct(base, 50))).append(" | ").append(ms(pct(host, 95)))
                .append(" | ").append(ms(pct(base, 95))).append(" |\n");
    }

    private String settle(FilePath path) {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> store.stat(path).orElseThrow().etag(), etag -> !etag.startsWith("W/"));
    }

    private HttpResponse<Void> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", davAuth).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI davUrl(FilePath path) {
        StringBuilder url = new StringBuilder(StackEnvironment.require("WORKSPACE_WEBDAV_URL")).append("/files/").append(davUser);
        for (String segment : path.segments()) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(url.toString());
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void expect(int wanted, int status) {
        if (status != wanted) {
            throw new IllegalStateException("HTTP " + status + ", expected " + wanted);
        }
    }

    private static void expectIn(int status, int... wanted) {
        for (int w : wanted) {
            if (status == w) {
                return;
            }
        }
        throw new IllegalStateException("HTTP " + status);
    }

    private static long pct(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(index);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f", (double) a / b);
    }
}
