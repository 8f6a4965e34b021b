package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.OnlyOfficeJwt;
import org.agencyworkspace.connector.office.WopiAccessToken;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Office editing driven exactly as the editors drive it: Collabora's WOPI calls (proof-signed,
 * token in the query, X-WOPI-Override, X-COOL-* headers) and ONLYOFFICE's callbacks (JWT in the
 * body or the header), against the running workspace and its file store. Collabora and
 * ONLYOFFICE cannot run here; their side is played from the protocol digests
 * ({@code shared/specs/wopi.md}, {@code onlyoffice.md}). Subclasses pick the store: the embedded
 * local folder, or the real WebDAV server.
 */
abstract class AbstractOfficeEditingIT {

    static final String PUBLIC_URL = "https://workspace.example";
    static final String JWT_SECRET = "onlyoffice-test-secret-of-at-least-32-bytes";
    static final ObjectMapper JSON = new ObjectMapper();
    static final WorkspaceUser ALICE = new WorkspaceUser("alice", "Alice Chen", List.of("staff"),
            List.of("general-affairs"), "secret");
    static final WorkspaceUser DAVE = new WorkspaceUser("dave", "Dave Lin", List.of("staff"),
            List.of("accounting"), "secret");
    static final WorkspaceUser BOB = new WorkspaceUser("bob", "Bob Wu", List.of("staff"), List.of("it"), "unmarked");
    static final WorkspaceUser ADMIN = new WorkspaceUser("bob", "Bob Wu", List.of("staff", "admin"),
            List.of("it"), "unmarked");
    static final LabelRequest SECRET = new LabelRequest("secret", "人事資料", null, null, "公布後解密", false, null, null);

    @TempDir
    static java.nio.file.Path dataDir;

    static void editing(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> "Demo-Password-2026");
        registry.add("workspace.public-url", () -> PUBLIC_URL);
        registry.add("workspace.editing.token-secret", () -> "wopi-token-secret-for-tests-32-bytes-long");
        registry.add("workspace.editing.max-file-size", () -> "1MB");
        registry.add("workspace.editing.collabora.url", FakeEditors.INSTANCE::url);
        registry.add("workspace.editing.onlyoffice.url", FakeEditors.INSTANCE::url);
        registry.add("workspace.editing.onlyoffice.jwt-secret", () -> JWT_SECRET);
        registry.add("workspace.editing.onlyoffice.extensions", () -> "xlsx");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        editing(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    FileUploads uploads;
    @Autowired
    FileStore store;
    @Autowired
    EditingSessions sessions;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WopiAccessTokens tokens;
    @Autowired
    OnlyOfficeCallbacks callbacks;
    @Autowired
    FileLabels labels;
    @Autowired
    FileWriteAccess writeAccess;

    WopiEditor editor;
    FilePath folder;
    final OnlyOfficeJwt documentServer = new OnlyOfficeJwt(JWT_SECRET, java.time.Clock.systemUTC());
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void editorAndFolder() {
        editor = new WopiEditor(PUBLIC_URL, "http://127.0.0.1:" + port);
        folder = FilePath.of(topFolder()).resolve("run-" + UUID.randomUUID().toString().substring(0, 8));
        // Alice and Dave edit each other's files here, as colleagues with a shared folder do.
        store.createFolders(folder);
        writeAccess.grant(folder, FileWriteAccess.GranteeKind.PERSON, "dave", ADMIN);
    }

    /** Where this class's files go in the store. */
    abstract String topFolder();

    // ---- launch and CheckFileInfo ---------------------------------------------------------

    @Test
    void aSecretFileOpensWithTheLabelsRulesWatermarkAndVersion() throws IOException {
        FilePath path = folder.resolve("人事名冊.docx");
        StoredFile stored = uploads.store(path, bytes("第一版"), SECRET, ALICE);

        EditingSessions.Launch launch = open(path, ALICE);

        assertThat(launch.editor()).isEqualTo("collabora");
        assertThat(launch.editorUrl()).startsWith("https://cool.example/browser/dist/cool.html?WOPISrc="
                + java.net.URLEncoder.encode(launch.wopiSrc(), StandardCharsets.UTF_8));
        assertThat(launch.wopiSrc()).isEqualTo(PUBLIC_URL + "/wopi/files/" + launch.fileId());
        assertThat(launch.accessTokenTtl()).isGreaterThan(Instant.now().plus(Duration.ofHours(9)).toEpochMilli());
        assertThat(launch.marking()).isEqualTo("密 SECRET");
        HttpResponse<String> info = editor.checkFileInfo(launch.wopiSrc(), launch.accessToken());
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(info.body());
        assertThat(json.get("BaseFileName").asText()).isEqualTo("人事名冊.docx");
        assertThat(json.get("Size").asLong()).isEqualTo(9);
        // Apache's ETag is weak for a second after a change, then the same value strong: on a busy
        // machine that second can pass between the upload and the editor's call.
        assertThat(strong(json.get("Version").asText())).isEqualTo(strong(store.stat(path).orElseThrow().etag()))
                .isEqualTo(strong(stored.etag()));
        assertThat(json.get("UserId").asText()).isEqualTo("alice");
        assertThat(json.get("UserFriendlyName").asText()).isEqualTo("Alice Chen");
        assertThat(json.get("UserCanWrite").asBoolean()).isTrue();
        assertThat(json.get("DisablePrint").asBoolean()).isTrue();
        assertThat(json.get("DisableExport").asBoolean()).isTrue();
        assertThat(json.get("HideExportOption").asBoolean()).isTrue();
        assertThat(json.get("DisableCopy").asBoolean()).isFalse();
        assertThat(json.get("UserCanNotWriteRelative").asBoolean()).isTrue();
        assertThat(json.get("SupportsLocks").asBoolean()).isTrue();
        assertThat(json.get("WatermarkText").asText()).startsWith("密 SECRET Alice Chen (alice) 20");
        assertThat(json.get("PostMessageOrigin").asText()).isEqualTo(PUBLIC_URL);
        assertThat(audit.recent(new AuditQuery("alice", "office.open", null, 5))).first()
                .satisfies(event -> assertThat(event.target().classification()).isEqualTo("secret"));
    }

    @Test
    void anOrdinaryFileMayBePrintedAndExportedButNotOpenedByTheUncleared() {
        FilePath ordinary = folder.resolve("notes.docx");
        uploads.store(ordinary, bytes("hello"), null, ALICE);
        EditingSessions.Launch launch = open(ordinary, BOB);
        JsonNode json = json(editor.checkFileInfo(launch.wopiSrc(), launch.accessToken()));
        assertThat(json.get("DisablePrint").asBoolean()).isFalse();
        assertThat(json.get("DisableExport").asBoolean()).isFalse();
        assertThat(json.has("WatermarkText")).isFalse();

        FilePath secret = folder.resolve("secret.docx");
        uploads.store(secret, bytes("x"), SECRET, ALICE);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sessions.check(secret, BOB), EditingRefusedException.class).status()).isEqualTo(403);
    }

    // ---- the save sequence Collabora sends ------------------------------------------------

    @Test
    void lockPutFileUnlockSavesANewVersion() throws IOException {
        FilePath path = folder.resolve("報告.docx");
        uploads.store(path, bytes("第一版"), SECRET, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        String token = launch.accessToken();
        settled(path);
        JsonNode info = json(editor.checkFileInfo(launch.wopiSrc(), token));
        HttpResponse<String> file = editor.getFile(launch.wopiSrc(), token, Map.of());
        assertThat(file.body()).isEqualTo("第一版");
        assertThat(file.headers().firstValue("X-WOPI-ItemVersion")).hasValue(info.get("Version").asText());

        assertThat(editor.lock(launch.wopiSrc(), token, "LOCK", Map.of("X-WOPI-Lock", "cool-lock-1")).statusCode()).isEqualTo(200);
        // COOL refreshes by sending LOCK again with the same id.
        assertThat(editor.lock(launch.wopiSrc(), token, "LOCK", Map.of("X-WOPI-Lock", "cool-lock-1")).statusCode()).isEqualTo(200);
        assertThat(editor.lock(launch.wopiSrc(), token, "GET_LOCK", Map.of()).headers().firstValue("X-WOPI-Lock")).hasValue("cool-lock-1");
        awaitNewSecond(info);
        HttpResponse<String> saved = editor.putFile(launch.wopiSrc(), token, "第二版".getBytes(StandardCharsets.UTF_8),
                Map.of("X-WOPI-Lock", "cool-lock-1", "X-COOL-WOPI-Timestamp", info.get("LastModifiedTime").asText()));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        StoredFile now = store.stat(path).orElseThrow();
        assertThat(saved.headers().firstValue("X-WOPI-ItemVersion")).hasValue(now.etag());
        assertThat(now.etag()).isNotEqualTo(info.get("Version").asText());
        assertThat(json(saved).get("LastModifiedTime").asText()).isEqualTo(WopiHost.WOPI_TIME.format(now.lastModified()));
        assertThat(content(path)).isEqualTo("第二版");
        assertThat(editor.lock(launch.wopiSrc(), token, "UNLOCK", Map.of("X-WOPI-Lock", "cool-lock-1")).statusCode()).isEqualTo(200);
        EditingSessions.Launch next = open(path, ALICE);
        assertThat(editor.lock(next.wopiSrc(), next.accessToken(), "GET_LOCK", Map.of()).headers().firstValue("X-WOPI-Lock")).hasValue("");
        assertThat(actions("alice")).contains("office.save", "office.close");
    }

    @Test
    void aPutFileWithTheWrongLockOrNoLockGets409AndChangesNothing() {
        FilePath path = folder.resolve("預算.docx");
        uploads.store(path, bytes("原稿"), SECRET, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        String before = version(path);

        HttpResponse<String> unlocked = editor.putFile(launch.wopiSrc(), launch.accessToken(), bytes2("x"), Map.of());
        assertThat(unlocked.statusCode()).isEqualTo(409);
        assertThat(unlocked.headers().firstValue("X-WOPI-Lock")).hasValue("");

        editor.lock(launch.wopiSrc(), launch.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "lock-A"));
        HttpResponse<String> wrong = editor.putFile(launch.wopiSrc(), launch.accessToken(), bytes2("覆蓋"),
                Map.of("X-WOPI-Lock", "lock-B"));
        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(wrong.headers().firstValue("X-WOPI-Lock")).hasValue("lock-A");
        assertThat(version(path)).isEqualTo(before);
        assertThat(content(path)).isEqualTo("原稿");
        assertThat(failures()).anySatisfy(event -> assertThat(event.reason()).contains("another lock"));
    }

    /** Failed before the fix: reading a file was enough to overwrite it through an editor. */
    @Test
    void aReaderWithoutWritePermissionOpensReadOnlyAndCannotSave() throws IOException {
        FilePath path = folder.resolve("公告稿.docx");
        uploads.store(path, bytes("原稿"), null, ALICE);
        settled(path);

        EditingSessions.Launch carol = open(path, new WorkspaceUser("carol", "Carol", List.of("staff"),
                List.of("it"), "unmarked"));

        assertThat(carol.permissions()).doesNotContain(EditorPermission.EDIT);
        assertThat(json(editor.checkFileInfo(carol.wopiSrc(), carol.accessToken()))
                .get("UserCanWrite").asBoolean()).isFalse();
        HttpResponse<String> put = editor.putFile(carol.wopiSrc(), carol.accessToken(),
                bytes2("改寫"), Map.of());
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(content(path)).isEqualTo("原稿");
    }

    @Test
    void aNewEmptyFileMayBeSavedWithoutALock() {
        FilePath path = folder.resolve("新文件.odt");
        uploads.store(path, bytes(""), null, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        settled(path);

        HttpResponse<String> first = editor.putFile(launch.wopiSrc(), launch.accessToken(), bytes2("初稿"), Map.of());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(content(path)).isEqualTo("初稿");
    }

    @Test
    void twoSessionsRaceForTheLockAndOnlyOneWins() throws Exception {
        FilePath path = folder.resolve("會議紀錄.docx");
        uploads.store(path, bytes("紀錄"), SECRET, ALICE);
        EditingSessions.Launch alice = open(path, ALICE);
        EditingSessions.Launch dave = open(path, DAVE);
        assertThat(dave.fileId()).isEqualTo(alice.fileId());

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<HttpResponse<String>>> racers = List.of(
                    () -> { start.await(); return editor.lock(alice.wopiSrc(), alice.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "alice-lock")); },
                    () -> { start.await(); return editor.lock(dave.wopiSrc(), dave.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "dave-lock")); });
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            racers.forEach(racer -> results.add(pool.submit(racer)));
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> result : results) {
                statuses.add(result.get().statusCode());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        String winner = editor.lock(alice.wopiSrc(), alice.accessToken(), "GET_LOCK", Map.of())
                .headers().firstValue("X-WOPI-Lock").orElseThrow();
        String loser = winner.equals("alice-lock") ? "dave-lock" : "alice-lock";
        // The loser cannot refresh, unlock or relock from a lock it does not hold.
        assertThat(editor.lock(alice.wopiSrc(), alice.accessToken(), "REFRESH_LOCK", Map.of("X-WOPI-Lock", loser)).statusCode()).isEqualTo(409);
        assertThat(editor.lock(alice.wopiSrc(), alice.accessToken(), "UNLOCK", Map.of("X-WOPI-Lock", loser)).statusCode()).isEqualTo(409);
        HttpResponse<String> relockWrong = editor.lock(alice.wopiSrc(), alice.accessToken(), "LOCK",
                Map.of("X-WOPI-Lock", "new-lock", "X-WOPI-OldLock", loser));
        assertThat(relockWrong.statusCode()).isEqualTo(409);
        assertThat(relockWrong.headers().firstValue("X-WOPI-Lock")).hasValue(winner);
        // UnlockAndRelock from the held lock, then RefreshLock of the new one.
        assertThat(editor.lock(dave.wopiSrc(), dave.accessToken(), "LOCK",
                Map.of("X-WOPI-Lock", "new-lock", "X-WOPI-OldLock", winner)).statusCode()).isEqualTo(200);
        assertThat(editor.lock(dave.wopiSrc(), dave.accessToken(), "REFRESH_LOCK", Map.of("X-WOPI-Lock", "new-lock")).statusCode()).isEqualTo(200);
        assertThat(editor.lock(dave.wopiSrc(), dave.accessToken(), "GET_LOCK", Map.of()).headers().firstValue("X-WOPI-Lock")).hasValue("new-lock");
    }

    @Test
    void aSaveOnTopOfAnotherChangeGetsCollaborasConflictAnswer() {
        FilePath path = folder.resolve("草稿.docx");
        uploads.store(path, bytes("v1"), null, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        settled(path);
        JsonNode info = json(editor.checkFileInfo(launch.wopiSrc(), launch.accessToken()));
        editor.lock(launch.wopiSrc(), launch.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "L"));
        String seen = "2001-01-01T00:00:00.0000000Z"; // not the file's LastModifiedTime

        HttpResponse<String> conflict = editor.putFile(launch.wopiSrc(), launch.accessToken(), bytes2("v2"),
                Map.of("X-WOPI-Lock", "L", "X-COOL-WOPI-Timestamp", seen));

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("COOLStatusCode").asInt()).isEqualTo(1010);
        assertThat(content(path)).isEqualTo("v1");
        // The user chose "overwrite": COOL retries without the timestamp.
        HttpResponse<String> forced = editor.putFile(launch.wopiSrc(), launch.accessToken(), bytes2("v2"), Map.of("X-WOPI-Lock", "L"));
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(content(path)).isEqualTo("v2");
        assertThat(info.get("Version").asText()).isNotEqualTo(forced.headers().firstValue("X-WOPI-ItemVersion").orElseThrow());
    }

    // ---- bad input ------------------------------------------------------------------------

    @Test
    void badSavesAndBadTokensGetTheSpecsStatusesAnAuditRecordAndWriteNothing() throws IOException {
        FilePath path = folder.resolve("規章.docx");
        uploads.store(path, bytes("原文"), SECRET, ALICE);
        FilePath other = folder.resolve("其他.docx");
        uploads.store(other, bytes("其他"), SECRET, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        EditingSessions.Launch otherLaunch = open(other, ALICE);
        String token = launch.accessToken();
        editor.lock(launch.wopiSrc(), token, "LOCK", Map.of("X-WOPI-Lock", "L"));
        String before = version(path);

        assertThat(editor.putFile(launch.wopiSrc(), token, new byte[1024 * 1024 + 1], Map.of("X-WOPI-Lock", "L"))
                .statusCode()).isEqualTo(413);
        assertThat(editor.putFileShort(launch.wopiSrc(), token, "L", 100, "only ten b".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(400);
        assertThat(editor.putFile(launch.wopiSrc(), token, bytes2("abc"), Map.of("X-WOPI-Lock", "L", "X-WOPI-Size", "4"))
                .statusCode()).isEqualTo(400);
        assertThat(editor.checkFileInfo(PUBLIC_URL + "/wopi/files/no-such-file", token).statusCode()).isEqualTo(404);
        assertThat(editor.putFile(launch.wopiSrc(), otherLaunch.accessToken(), bytes2("x"), Map.of("X-WOPI-Lock", "L"))
                .statusCode()).isEqualTo(401);
        String expired = tokens.issue(new WopiAccessToken("alice", launch.fileId(), Set.of(EditorPermission.EDIT),
                launch.sessionId(), Instant.now().minusSeconds(5)));
        assertThat(editor.putFile(launch.wopiSrc(), expired, bytes2("x"), Map.of("X-WOPI-Lock", "L")).statusCode()).isEqualTo(401);
        assertThat(editor.getFile(launch.wopiSrc(), token, Map.of("X-WOPI-MaxExpectedSize", "3")).statusCode()).isEqualTo(412);

        assertThat(version(path)).isEqualTo(before);
        assertThat(content(path)).isEqualTo("原文");
        assertThat(content(other)).isEqualTo("其他");
        assertThat(failures()).extracting(event -> event.details().get("status"))
                .contains("413", "400", "404", "401", "412");
    }

    @Test
    void requestsWithoutAValidProofSignatureAreRefused() {
        FilePath path = folder.resolve("proof.docx");
        uploads.store(path, bytes("p"), null, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);

        editor.signingKey = null;
        assertThat(editor.checkFileInfo(launch.wopiSrc(), launch.accessToken()).statusCode()).isEqualTo(500);
        editor.signingKey = FakeEditors.STRANGER_KEY;
        assertThat(editor.checkFileInfo(launch.wopiSrc(), launch.accessToken()).statusCode()).isEqualTo(500);
        editor.signingKey = FakeEditors.PROOF_KEY;
        editor.signedAt = Instant.now().minus(Duration.ofMinutes(21));
        assertThat(editor.checkFileInfo(launch.wopiSrc(), launch.accessToken()).statusCode()).isEqualTo(500);
        // Signed with the old key during a key rotation: still accepted.
        editor.signedAt = null;
        editor.signingKey = FakeEditors.OLD_PROOF_KEY;
        assertThat(editor.checkFileInfo(launch.wopiSrc(), launch.accessToken()).statusCode()).isEqualTo(200);
        assertThat(failures()).anySatisfy(event -> assertThat(event.reason()).contains("proof signature invalid"));
    }

    @Test
    void aUserWhoseClearanceIsLoweredMidSessionCannotSaveAnyMore() {
        FilePath path = folder.resolve("降級.docx");
        uploads.store(path, bytes("機敏"), SECRET, DAVE);
        EditingSessions.Launch launch = open(path, DAVE);
        editor.lock(launch.wopiSrc(), launch.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "L"));
        String before = version(path);
        withDaveUncleared(() -> {
            HttpResponse<String> save = editor.putFile(launch.wopiSrc(), launch.accessToken(), bytes2("改寫"), Map.of("X-WOPI-Lock", "L"));
            assertThat(save.statusCode()).isEqualTo(403);
            assertThat(editor.getFile(launch.wopiSrc(), launch.accessToken(), Map.of()).statusCode()).isEqualTo(403);
        });
        assertThat(version(path)).isEqualTo(before);
        assertThat(content(path)).isEqualTo("機敏");
        assertThat(failures()).anySatisfy(event -> assertThat(event.reason()).contains("clearance unmarked is below"));
    }

    // ---- Save As and rename ---------------------------------------------------------------

    @Test
    void saveAsAndRenameFollowTheTargetRules() throws IOException {
        FilePath path = folder.resolve("plan.docx");
        uploads.store(path, bytes("plan"), null, ALICE);
        uploads.store(folder.resolve("taken.docx"), bytes("taken"), null, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        String token = launch.accessToken();

        HttpResponse<String> suggested = editor.post(launch.wopiSrc(), token, Map.of("X-WOPI-Override", "PUT_RELATIVE",
                "X-WOPI-SuggestedTarget", Utf7.encode(".odt"), "X-WOPI-Size", "6"), bytes2("odt v1"));
        assertThat(suggested.statusCode()).as(suggested.body()).isEqualTo(200);
        JsonNode created = json(suggested);
        assertThat(created.get("Name").asText()).isEqualTo("plan.odt");
        assertThat(content(folder.resolve("plan.odt"))).isEqualTo("odt v1");
        String newUrl = created.get("Url").asText();
        assertThat(newUrl).startsWith(PUBLIC_URL + "/wopi/files/").contains("?access_token=");
        String newToken = newUrl.substring(newUrl.indexOf("access_token=") + 13);
        String newSrc = newUrl.substring(0, newUrl.indexOf('?'));
        assertThat(json(editor.checkFileInfo(newSrc, newToken)).get("BaseFileName").asText()).isEqualTo("plan.odt");

        HttpResponse<String> exists = editor.post(launch.wopiSrc(), token, Map.of("X-WOPI-Override", "PUT_RELATIVE",
                "X-WOPI-RelativeTarget", Utf7.encode("taken.docx"), "X-WOPI-OverwriteRelativeTarget", "false"), bytes2("x"));
        assertThat(exists.statusCode()).isEqualTo(409);
        assertThat(exists.headers().firstValue("X-WOPI-ValidRelativeTarget")).hasValue("taken (2).docx");
        assertThat(content(folder.resolve("taken.docx"))).isEqualTo("taken");
        assertThat(editor.post(launch.wopiSrc(), token, Map.of("X-WOPI-Override", "PUT_RELATIVE",
                "X-WOPI-RelativeTarget", Utf7.encode("taken.docx"), "X-WOPI-OverwriteRelativeTarget", "true"), bytes2("y"))
                .statusCode()).isEqualTo(200);
        assertThat(content(folder.resolve("taken.docx"))).isEqualTo("y");

        HttpResponse<String> renamed = editor.post(launch.wopiSrc(), token, Map.of("X-WOPI-Override", "RENAME_FILE",
                "X-WOPI-RequestedName", Utf7.encode("計畫 定稿")), new byte[0]);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("Name").asText()).isEqualTo("計畫 定稿");
        assertThat(store.stat(path)).isEmpty();
        assertThat(content(folder.resolve("計畫 定稿.docx"))).isEqualTo("plan");
        // Same WOPI id, same token: the editor keeps working on the renamed file.
        assertThat(json(editor.checkFileInfo(launch.wopiSrc(), token)).get("BaseFileName").asText()).isEqualTo("計畫 定稿.docx");
        assertThat(editor.post(launch.wopiSrc(), token, Map.of("X-WOPI-Override", "RENAME_FILE",
                "X-WOPI-RequestedName", Utf7.encode("a/b")), new byte[0]).statusCode()).isEqualTo(400);
    }

    /**
     * A file the person may not read, even open and locked in someone's editor, answers Save As
     * and rename as any taken name does: same status and words, no lock id, audited with what is
     * really there.
     */
    @Test
    void saveAsAndRenameTellNothingOfAFileThePersonMayNotRead() {
        FilePath path = folder.resolve("公告.docx");
        uploads.store(path, bytes("公告"), null, BOB);
        uploads.store(folder.resolve("公開.docx"), bytes("公開"), null, ALICE);
        FilePath secret = folder.resolve("人事.docx");
        uploads.store(secret, bytes("人事"), SECRET, ALICE);
        EditingSessions.Launch alices = open(secret, ALICE);
        assertThat(editor.lock(alices.wopiSrc(), alices.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "alice-lock"))
                .statusCode()).isEqualTo(200);
        EditingSessions.Launch launch = open(path, BOB);

        for (String overwrite : List.of("true", "false")) {
            HttpResponse<String> hidden = editor.post(launch.wopiSrc(), launch.accessToken(), Map.of(
                    "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-RelativeTarget", Utf7.encode("人事.docx"),
                    "X-WOPI-OverwriteRelativeTarget", overwrite), bytes2("覆蓋"));
            assertThat(hidden.statusCode()).as(overwrite).isEqualTo(409);
            assertThat(hidden.headers().firstValue("X-WOPI-Lock")).as("no lock id of a hidden file").isEmpty();
            assertThat(hidden.headers().firstValue("X-WOPI-ValidRelativeTarget")).hasValue(Utf7.encode("人事 (2).docx"));
        }
        HttpResponse<String> seen = editor.post(launch.wopiSrc(), launch.accessToken(), Map.of(
                "X-WOPI-Override", "PUT_RELATIVE", "X-WOPI-RelativeTarget", Utf7.encode("公開.docx"),
                "X-WOPI-OverwriteRelativeTarget", "false"), bytes2("覆蓋"));
        assertThat(seen.statusCode()).isEqualTo(409);
        assertThat(content(secret)).isEqualTo("人事");

        HttpResponse<String> renameHidden = editor.post(launch.wopiSrc(), launch.accessToken(), Map.of(
                "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", Utf7.encode("人事")), new byte[0]);
        HttpResponse<String> renameSeen = editor.post(launch.wopiSrc(), launch.accessToken(), Map.of(
                "X-WOPI-Override", "RENAME_FILE", "X-WOPI-RequestedName", Utf7.encode("公開")), new byte[0]);
        assertThat(renameHidden.statusCode()).isEqualTo(400);
        assertThat(renameSeen.statusCode()).isEqualTo(400);
        assertThat(renameHidden.headers().firstValue("X-WOPI-InvalidFileNameError"))
                .isEqualTo(renameSeen.headers().firstValue("X-WOPI-InvalidFileNameError"));
        assertThat(audit.recent(new AuditQuery("bob", "office.wopi", null, 10))).as("audited with the real occupant, hidden from bob")
                .anySatisfy(event -> assertThat(event.details()).containsEntry("occupant", "hidden"));
        assertThat(content(path)).isEqualTo("公告");
    }

    @Test
    void aClassifiedFileCannotBeSavedAsAnotherFile() {
        FilePath path = folder.resolve("密件.docx");
        uploads.store(path, bytes("密"), SECRET, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        assertThat(editor.post(launch.wopiSrc(), launch.accessToken(), Map.of("X-WOPI-Override", "PUT_RELATIVE",
                "X-WOPI-SuggestedTarget", ".odt"), bytes2("copy")).statusCode()).isEqualTo(501);
        assertThat(store.stat(folder.resolve("密件.odt"))).isEmpty();
    }

    // ---- ONLYOFFICE callbacks -------------------------------------------------------------

    @Test
    void onlyOfficeCallbacksSaveOnceAndAnswerAsTheDocumentServerExpects() throws IOException {
        FilePath path = folder.resolve("預算表.xlsx");
        uploads.store(path, bytes("sheet v1"), SECRET, ALICE);
        settled(path);
        EditingSessions.Launch launch = open(path, ALICE);
        assertThat(launch.editor()).isEqualTo("onlyoffice");
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) launch.onlyofficeConfig().get("document");
        @SuppressWarnings("unchecked")
        Map<String, Object> permissions = (Map<String, Object>) document.get("permissions");
        assertThat(permissions).containsEntry("edit", true).containsEntry("print", false).containsEntry("download", false);
        String key = (String) document.get("key");
        // The Document Server fetches the file from document.url with its JWT over that URL.
        String documentUrl = (String) document.get("url");
        HttpResponse<String> fetched = documentServerFetch(documentUrl, documentServer.bearerFor(Map.of("url", documentUrl)));
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo("sheet v1");
        String callbackUrl = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("editorConfig")).get("callbackUrl");

        assertThat(callback(callbackUrl, inBody(Map.of("key", key, "status", 1, "users", List.of("alice"))), null))
                .isEqualTo("200 {\"error\":0}");
        String result = FakeEditors.INSTANCE.publishResult(UUID.randomUUID() + "/output.xlsx", "sheet v2".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> forceSaved = Map.of("key", key, "status", 6, "url", result, "users", List.of("alice"), "forcesavetype", 1);
        // Header token only (JWT_IN_BODY off, the Document Server's default).
        assertThat(callback(callbackUrl, forceSaved, documentServer.bearerFor(forceSaved))).isEqualTo("200 {\"error\":0}");
        assertThat(content(path)).isEqualTo("sheet v2");
        settled(path);
        String afterForceSave = store.stat(path).orElseThrow().etag();
        int downloads = FakeEditors.INSTANCE.resultDownloads();

        // A replay of the same callback is answered but not saved again.
        assertThat(callback(callbackUrl, forceSaved, documentServer.bearerFor(forceSaved))).isEqualTo("200 {\"error\":0}");
        assertThat(FakeEditors.INSTANCE.resultDownloads()).isEqualTo(downloads);
        assertThat(store.stat(path).orElseThrow().etag()).isEqualTo(afterForceSave);

        // A tampered token changes nothing.
        String finalResult = FakeEditors.INSTANCE.publishResult(UUID.randomUUID() + "/output.xlsx", "sheet v3".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> closed = Map.of("key", key, "status", 2, "url", finalResult, "users", List.of("alice"));
        String token = documentServer.sign(closed);
        Map<String, Object> tampered = new LinkedHashMap<>(closed);
        tampered.put("token", token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5));
        assertThat(callback(callbackUrl, tampered, null)).isEqualTo("403 {\"error\":1}");
        assertThat(callback(callbackUrl, closed, null)).isEqualTo("403 {\"error\":1}"); // no token at all
        Map<String, Object> foreignHost = Map.of("key", key, "status", 2, "url", "http://127.0.0.2:9/evil.xlsx", "users", List.of("alice"));
        assertThat(callback(callbackUrl, inBody(foreignHost), null)).isEqualTo("200 {\"error\":1}");
        assertThat(content(path)).isEqualTo("sheet v2");

        // Status 2 after the last user closed: saved on top of the force-saved version.
        assertThat(callback(callbackUrl, inBody(closed), null)).isEqualTo("200 {\"error\":0}");
        assertThat(content(path)).isEqualTo("sheet v3");
        assertThat(callback(callbackUrl, inBody(Map.of("key", key, "status", 3, "url", finalResult, "users", List.of("alice"))), null))
                .isEqualTo("200 {\"error\":0}");
        assertThat(callback(callbackUrl, inBody(Map.of("key", key, "status", 7, "url", finalResult, "users", List.of("alice"), "forcesavetype", 0)), null))
                .isEqualTo("200 {\"error\":0}");
        assertThat(callback(callbackUrl, inBody(Map.of("key", key, "status", 4)), null)).isEqualTo("200 {\"error\":0}");
        List<AuditEvent> saves = audit.recent(new AuditQuery("alice", "office.save", null, 10));
        assertThat(saves).filteredOn(event -> event.outcome() == AuditEvent.Outcome.SUCCESS).hasSize(2);
        assertThat(saves).filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE)
                .extracting(event -> event.details().get("status")).containsExactlyInAnyOrder("3", "7");
        assertThat(audit.recent(new AuditQuery("onlyoffice", "office.callback", null, 10)))
                .anySatisfy(event -> assertThat(event.reason()).contains("callback refused"));
    }

    @Test
    void theOnlyOfficeDownloadLinkFromThePageFetchesNothingWithoutTheJwtOrAfterTheSessionClosed() {
        FilePath path = folder.resolve("機密預算.xlsx");
        uploads.store(path, bytes("secret sheet"), SECRET, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        // What the page holds: no WOPI access token at all, only the config's download link.
        assertThat(launch.accessToken()).isNull();
        String documentUrl = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("document")).get("url");
        assertThat(documentUrl).startsWith(PUBLIC_URL + "/api/files/editing/onlyoffice/file/" + launch.fileId() + "?t=")
                .doesNotContain("access_token");
        String fetchToken = documentUrl.substring(documentUrl.indexOf("?t=") + 3);
        String before = version(path);
        long refusedBefore = fetchRefusals();

        // The attack: the link taken from the page, fetched without the Document Server's JWT.
        assertThat(documentServerFetch(documentUrl, null).statusCode()).isEqualTo(401);
        OnlyOfficeJwt stranger = new OnlyOfficeJwt("not-the-document-servers-secret-32-bytes", java.time.Clock.systemUTC());
        assertThat(documentServerFetch(documentUrl, stranger.bearerFor(Map.of("url", documentUrl))).statusCode()).isEqualTo(401);
        // A JWT for another URL, and the fetch token used as a WOPI access token, open nothing.
        assertThat(documentServerFetch(documentUrl, documentServer.bearerFor(Map.of("url", PUBLIC_URL + "/other"))).statusCode())
                .isEqualTo(403);
        assertThat(editor.getFile(launch.wopiSrc(), fetchToken, Map.of()).statusCode()).isEqualTo(401);
        // A fetch token past its minutes is refused even with the JWT.
        String stale = tokens.issueFetch(new org.agencyworkspace.connector.office.DocumentFetchGrant("alice",
                launch.fileId(), launch.sessionId(), Instant.now().minusSeconds(1)));
        String staleUrl = documentUrl.substring(0, documentUrl.indexOf("?t=") + 3) + stale;
        assertThat(documentServerFetch(staleUrl, documentServer.bearerFor(Map.of("url", staleUrl))).statusCode()).isEqualTo(401);

        // The Document Server itself, while the session is open: served and audited.
        HttpResponse<String> served = documentServerFetch(documentUrl, documentServer.bearerFor(Map.of("url", documentUrl)));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("secret sheet");
        assertThat(audit.recent(new AuditQuery("alice", "office.fetch", null, 5))).first().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(event.target().id()).isEqualTo(path.toString());
            assertThat(event.target().classification()).isEqualTo("secret");
            assertThat(event.details()).containsEntry("session", launch.sessionId()).containsEntry("editor", "onlyoffice");
        });

        // The editor closed (status 4): the same link and a fresh JWT fetch nothing any more.
        String key = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("document")).get("key");
        String callbackUrl = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("editorConfig")).get("callbackUrl");
        assertThat(callback(callbackUrl, inBody(Map.of("key", key, "status", 4)), null)).isEqualTo("200 {\"error\":0}");
        HttpResponse<String> afterClose = documentServerFetch(documentUrl, documentServer.bearerFor(Map.of("url", documentUrl)));
        assertThat(afterClose.statusCode()).isEqualTo(401);
        assertThat(afterClose.body()).contains("closed").doesNotContain("secret sheet");

        assertThat(fetchRefusals()).isEqualTo(refusedBefore + 5);
        assertThat(audit.recent(new AuditQuery("alice", "office.fetch", null, 10)))
                .filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE).first()
                .satisfies(event -> {
                    assertThat(event.reason()).contains("session was closed");
                    assertThat(event.details()).containsEntry("session", launch.sessionId());
                });
        assertThat(version(path)).isEqualTo(before);
    }

    @Test
    void aCollaboraTokenDiesWithItsSession() {
        FilePath path = folder.resolve("closed.docx");
        uploads.store(path, bytes("closed"), SECRET, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        String token = launch.accessToken();
        assertThat(editor.getFile(launch.wopiSrc(), token, Map.of()).statusCode()).isEqualTo(200);
        assertThat(audit.recent(new AuditQuery("alice", "office.fetch", null, 5))).first()
                .satisfies(event -> assertThat(event.details()).containsEntry("session", launch.sessionId())
                        .containsEntry("editor", "collabora"));
        editor.lock(launch.wopiSrc(), token, "LOCK", Map.of("X-WOPI-Lock", "L"));
        assertThat(editor.lock(launch.wopiSrc(), token, "UNLOCK", Map.of("X-WOPI-Lock", "L")).statusCode()).isEqualTo(200);

        // The editor closed the document; the token, still hours from its expiry, opens nothing.
        assertThat(editor.getFile(launch.wopiSrc(), token, Map.of()).statusCode()).isEqualTo(401);
        assertThat(editor.checkFileInfo(launch.wopiSrc(), token).statusCode()).isEqualTo(401);
        assertThat(failures()).anySatisfy(event -> assertThat(event.reason()).contains("session was closed"));
    }

    @Test
    void anOnlyOfficeConflictCopyCarriesTheOriginalsLabel() {
        FilePath path = folder.resolve("人事預算.xlsx");
        uploads.store(path, bytes("v1"), new LabelRequest("secret", "人事資料", null, null, "公布後解密", false,
                List.of("alice", "dave"), null), ALICE);
        settled(path);
        EditingSessions.Launch launch = open(path, ALICE);
        String key = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("document")).get("key");
        String callbackUrl = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("editorConfig")).get("callbackUrl");
        // Someone saves another version while Alice edits: her result must not overwrite it.
        uploads.store(path, bytes("dave's version"), null, DAVE);
        settled(path);
        String result = FakeEditors.INSTANCE.publishResult(UUID.randomUUID() + "/o.xlsx", bytes2("alice's edit"));

        assertThat(callback(callbackUrl, inBody(Map.of("key", key, "status", 2, "url", result, "users", List.of("alice"))), null))
                .isEqualTo("200 {\"error\":0}");

        FilePath copy = folder.resolve("人事預算 (衝突 alice).xlsx");
        assertThat(content(path)).isEqualTo("dave's version");
        assertThat(content(copy)).isEqualTo("alice's edit");
        FileLabels.Effective original = labels.effective(store.stat(path).orElseThrow());
        FileLabels.Effective copied = labels.effective(store.stat(copy).orElseThrow());
        assertThat(copied.label()).isEqualTo(original.label());
        assertThat(copied.label().readers()).containsExactly("alice", "dave");
        // Its own label, not its folder's: it keeps it when moved out.
        assertThat(copied.inherited(copy)).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sessions.check(copy, BOB), EditingRefusedException.class).status()).isEqualTo(403);
    }

    @Test
    void saveAsOfLabelledContentIsRefusedAndARenameKeepsTheLabel() {
        // Save As from a file that only inherits its folder's label: refused like its own label.
        FilePath labelledFolder = folder.resolve("密卷");
        uploads.store(labelledFolder.resolve("placeholder.txt"), bytes("x"), null, ALICE);
        labels.label(store.stat(labelledFolder).orElseThrow(), SECRET, ALICE);
        FilePath inside = labelledFolder.resolve("草稿.docx");
        uploads.store(inside, bytes("draft"), null, ALICE);
        EditingSessions.Launch launch = open(inside, ALICE);
        HttpResponse<String> saveAs = editor.post(launch.wopiSrc(), launch.accessToken(), Map.of("X-WOPI-Override", "PUT_RELATIVE",
                "X-WOPI-SuggestedTarget", Utf7.encode(".odt")), bytes2("copy"));
        assertThat(saveAs.statusCode()).isEqualTo(501);
        assertThat(store.stat(labelledFolder.resolve("草稿.odt"))).isEmpty();

        // A rename keeps the label: the file still carries its folder's, or its own.
        HttpResponse<String> renamed = editor.post(launch.wopiSrc(), launch.accessToken(), Map.of("X-WOPI-Override", "RENAME_FILE",
                "X-WOPI-RequestedName", Utf7.encode("定稿")), new byte[0]);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        FilePath moved = labelledFolder.resolve("定稿.docx");
        assertThat(labels.effective(store.stat(moved).orElseThrow()).label().level()).isEqualTo("secret");

        FilePath own = folder.resolve("自有密等.docx");
        uploads.store(own, bytes("own"), new LabelRequest("secret", "人事資料", null, null, "公布後解密", false,
                List.of("alice"), null), ALICE);
        Label before = labels.effective(store.stat(own).orElseThrow()).label();
        EditingSessions.Launch ownLaunch = open(own, ALICE);
        assertThat(json(editor.checkFileInfo(ownLaunch.wopiSrc(), ownLaunch.accessToken())).get("UserCanRename").asBoolean()).isTrue();
        HttpResponse<String> ownRenamed = editor.post(ownLaunch.wopiSrc(), ownLaunch.accessToken(), Map.of("X-WOPI-Override", "RENAME_FILE",
                "X-WOPI-RequestedName", Utf7.encode("改名")), new byte[0]);
        assertThat(ownRenamed.statusCode()).as(ownRenamed.body()).isEqualTo(200);
        FilePath ownMoved = folder.resolve("改名.docx");
        assertThat(content(ownMoved)).isEqualTo("own");
        assertThat(labels.effective(store.stat(ownMoved).orElseThrow()).label()).isEqualTo(before);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sessions.check(ownMoved, DAVE), EditingRefusedException.class).status()).isEqualTo(403);
    }

    @Test
    void forceSaveAsksTheCommandServiceWithASignedRequestForTheOpenKey() throws IOException {
        FilePath path = folder.resolve("月報.xlsx");
        uploads.store(path, bytes("v1"), null, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        String key = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("document")).get("key");

        assertThat(callbacks.forceSave(launch.fileId(), ALICE, path.toString())).isZero();

        String[] sent = FakeEditors.INSTANCE.lastCommand();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(sent[0], Map.class);
        assertThat(documentServer.verifyCallback(body, sent[1]))
                .containsEntry("c", "forcesave").containsEntry("key", key).containsEntry("userdata", "alice");
    }

    @Test
    void aLockLapsesAfterItsExpiryAndIsKeptInTheDatabase() {
        FilePath path = folder.resolve("lapse.docx");
        uploads.store(path, bytes("x"), null, ALICE);
        EditingSessions.Launch launch = open(path, ALICE);
        editor.lock(launch.wopiSrc(), launch.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "stale"));
        java.time.OffsetDateTime expires = jdbc.sql("SELECT expires_at FROM office_lock WHERE file_id = :id")
                .param("id", launch.fileId()).query(java.time.OffsetDateTime.class).single();
        assertThat(Duration.between(Instant.now(), expires.toInstant())).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));

        jdbc.sql("UPDATE office_lock SET expires_at = :past WHERE file_id = :id")
                .param("past", java.time.OffsetDateTime.now().minusSeconds(1)).param("id", launch.fileId()).update();

        assertThat(editor.lock(launch.wopiSrc(), launch.accessToken(), "GET_LOCK", Map.of()).headers().firstValue("X-WOPI-Lock")).hasValue("");
        assertThat(editor.lock(launch.wopiSrc(), launch.accessToken(), "LOCK", Map.of("X-WOPI-Lock", "fresh")).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyOfficeRefusesTheSaveOfAUserWhoseClearanceWasLowered() {
        FilePath path = folder.resolve("人事.xlsx");
        uploads.store(path, bytes("v1"), SECRET, DAVE);
        EditingSessions.Launch launch = open(path, DAVE);
        String key = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("document")).get("key");
        String callbackUrl = (String) ((Map<?, ?>) launch.onlyofficeConfig().get("editorConfig")).get("callbackUrl");
        String result = FakeEditors.INSTANCE.publishResult(UUID.randomUUID() + "/o.xlsx", "v2".getBytes(StandardCharsets.UTF_8));
        withDaveUncleared(() -> assertThat(callback(callbackUrl,
                inBody(Map.of("key", key, "status", 2, "url", result, "users", List.of("dave"))), null))
                .isEqualTo("200 {\"error\":1}"));
        assertThat(content(path)).isEqualTo("v1");
    }

    // ---- helpers --------------------------------------------------------------------------

    EditingSessions.Launch open(FilePath path, WorkspaceUser user) {
        // Step-up belongs to the web layer (EditingApiIT-style sign-in covers it); here the
        // session is opened as the page does after it.
        return sessions.open(sessions.check(path, user), user, true, Locale.TRADITIONAL_CHINESE);
    }

    /** Runs {@code during} while Dave's clearance is lowered to unmarked, as an administrator would. */
    private void withDaveUncleared(Runnable during) {
        jdbc.sql("UPDATE local_account SET clearance = 'unmarked' WHERE username = 'dave'").update();
        try {
            during.run();
        } finally {
            jdbc.sql("UPDATE local_account SET clearance = 'secret' WHERE username = 'dave'").update();
        }
    }

    private Map<String, Object> inBody(Map<String, Object> callback) {
        Map<String, Object> body = new LinkedHashMap<>(callback);
        body.put("token", documentServer.sign(callback));
        return body;
    }

    private String callback(String callbackUrl, Map<String, Object> body, String authorization) {
        URI local = URI.create(callbackUrl.replace(PUBLIC_URL, "http://127.0.0.1:" + port));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(local).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET as the Document Server sends it for document.url: the URL mapped onto the test server. */
    HttpResponse<String> documentServerFetch(String documentUrl, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(documentUrl.replace(PUBLIC_URL,
                "http://127.0.0.1:" + port))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long fetchRefusals() {
        return audit.recent(new AuditQuery(null, "office.fetch", null, 200)).stream()
                .filter(event -> event.outcome() == AuditEvent.Outcome.FAILURE).count();
    }

    private List<AuditEvent> failures() {
        return audit.recent(new AuditQuery(null, "office.wopi", null, 50));
    }

    private List<String> actions(String login) {
        return audit.recent(new AuditQuery(login, null, null, 50)).stream().map(AuditEvent::action).toList();
    }

    /** The file's version, weak or strong alike (Apache's WebDAV drops the W/ after a second). */
    String version(FilePath path) {
        String etag = store.stat(path).orElseThrow().etag();
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    String content(FilePath path) {
        try (InputStream in = store.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores with one-second modification times (WebDAV's getlastmodified) would give a save in
     * the same second the same LastModifiedTime; the editor's own pace is slower than that.
     */
    /**
     * Waits until the store hands out a strong ETag for the file: Apache's WebDAV gives a weak one
     * for a file changed within the last second, which If-Match never matches (Nextcloud's are
     * always strong; the local store's too).
     */
    void settled(FilePath path) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !store.stat(path).orElseThrow().etag().startsWith("W/"));
    }

    private static void awaitNewSecond(JsonNode info) {
        Instant seen = Instant.parse(info.get("LastModifiedTime").asText());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().getEpochSecond() > seen.getEpochSecond());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.statusCode() + " " + response.body(), e);
        }
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes2(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String strong(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
