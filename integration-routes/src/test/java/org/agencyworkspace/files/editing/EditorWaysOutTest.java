package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.office.DocumentFetchGrant;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.OnlyOfficeJwt;
import org.agencyworkspace.connector.office.WopiAccessToken;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.DefaultLevels;
import org.agencyworkspace.files.editing.EditingConfiguration.EditorServers;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The editors' two ways a file's bytes leave — Collabora's WOPI GetFile and the ONLYOFFICE
 * Document Server's download — for every level, every clearance and named or not as needing to
 * know, with a live token of that person's session (as if stolen, or issued before their
 * clearance was lowered): nobody below the level, and nobody left out of a need-to-know list,
 * gets a byte; whoever may read gets the file, and a classified one opens in Collabora under
 * its watermark. The whole domain is small enough to check exhaustively.
 */
class EditorWaysOutTest {

    static final String PUBLIC_URL = "https://workspace.example";
    static final String JWT_SECRET = "onlyoffice-test-secret-of-at-least-32-bytes";
    static final WorkspaceUser CLASSIFIER = new WorkspaceUser("classifier", "Classifier",
            List.of("staff"), List.of("registry"), "absolutely-secret");

    @TempDir
    Path folder;

    private final Map<String, String> clearances = new HashMap<>();

    @Test
    void nothingAboveTheReadersClearanceOrOutsideItsNeedToKnowLeavesThroughAnEditor() throws Exception {
        LocalFileStore store = new LocalFileStore(folder);
        FilesFixture files = new FilesFixture(store, true);
        EditingProperties properties = new EditingProperties(null, Duration.ofHours(10),
                DataSize.ofMegabytes(1), Duration.ofMinutes(30),
                new EditingProperties.Collabora(null, Duration.ofHours(12), true),
                new EditingProperties.OnlyOffice(URI.create("http://127.0.0.1:9"), JWT_SECRET, List.of("xlsx"), "ws",
                        Duration.ofMinutes(5)));
        WopiAccessTokens tokens = new WopiAccessTokens("wopi-token-secret-for-tests-32-bytes-long");
        OnlyOfficeJwt documentServer = new OnlyOfficeJwt(JWT_SECRET, files.clock);
        EditorServers editors = new EditorServers(null, documentServer, null);
        OfficeRecords records = new OfficeRecords(files.database.jdbc(), files.clock);
        EditingAccess access = new EditingAccess(tokens, records, store, files.labels, files.policy, files.scheme,
                directory(), new FileWriteAccess(files.database.jdbc(), store, directory(), files.audit,
                        files.clock), editors, properties,
                TestWorkspaceProperties.withPublicUrl(URI.create(PUBLIC_URL)), files.clock);
        WopiHost host = new WopiHost(access, new CopyLabels(files.labels, files.scheme), records, store,
                files.placements(directory()), tokens, files.scheme, properties, TestWorkspaceProperties.withPublicUrl(URI.create(PUBLIC_URL)),
                files.audit, files.clock);
        WopiController wopi = new WopiController(access, host, properties, files.audit, new ObjectMapper());
        OnlyOfficeDownloads downloads = new OnlyOfficeDownloads(editors, tokens, records, store, access,
                files.audit, files.clock);

        int checked = 0;
        for (ClassificationLevel level : files.scheme.levels()) {
            boolean unmarked = files.scheme.rank(level.code()) == 0;
            List<List<String>> readerLists = level.needToKnow() ? List.of(List.of("named"))
                    : unmarked ? List.of(List.of()) : List.of(List.of("named"), List.of());
            for (List<String> readers : readerLists) {
                FilePath place = FilePath.of("/" + level.code() + "-" + readers.size());
                StoredFile document = stored(store, place.resolve("original.docx"));
                StoredFile sheet = stored(store, place.resolve("original.xlsx"));
                if (!unmarked) {
                    LabelRequest label = new LabelRequest(level.code(), "test", null, null, "公布後解密", false,
                            readers, List.of());
                    files.labels.label(document, label, CLASSIFIER);
                    files.labels.label(sheet, label, CLASSIFIER);
                }
                for (String clearance : DefaultLevels.CLEARANCES) {
                    for (String login : List.of("named", "other")) {
                        clearances.put(login, clearance);
                        boolean cleared = files.scheme.rank(clearance) >= files.scheme.rank(level.code())
                                && (readers.isEmpty() || readers.contains(login));
                        String outcome = level.code() + "/" + readers + "/" + clearance + "/" + login;

                        // Collabora: GetFile with a live token of the person's open session.
                        String fileId = records.fileIdFor(document.path(), document.fileId());
                        String session = UUID.randomUUID().toString();
                        records.openSession(session, fileId, login, EditorKind.COLLABORA);
                        String token = tokens.issue(new WopiAccessToken(login, fileId, Set.of(EditorPermission.EDIT),
                                session, files.clock.instant().plus(Duration.ofHours(10))));
                        MockHttpServletResponse wopiResponse = new MockHttpServletResponse();
                        Throwable wopiRefusal = catchThrowable(() -> wopi.getFile(fileId, token, null,
                                new MockHttpServletRequest("GET", "/wopi/files/" + fileId + "/contents"), wopiResponse));
                        if (cleared) {
                            assertThat(wopiRefusal).as(outcome).isNull();
                            assertThat(wopiResponse.getContentAsString(StandardCharsets.UTF_8)).as(outcome).isEqualTo("ORIGINAL");
                            Map<String, Object> info = host.fileInfo(access.authenticate(fileId, token, null));
                            if (!unmarked) {
                                assertThat((String) info.get("WatermarkText")).as(outcome).startsWith(level.marking());
                                assertThat(info.get("DisableExport")).as(outcome).isEqualTo(true);
                            }
                        } else {
                            assertThat(wopiRefusal).as(outcome).isInstanceOf(WopiRefusal.class);
                            assertThat(((WopiRefusal) wopiRefusal).status()).as(outcome).isEqualTo(403);
                            assertThat(wopiResponse.getContentAsByteArray()).as(outcome).isEmpty();
                        }

                        // ONLYOFFICE: the Document Server's download, with its JWT and a live fetch token.
                        String sheetId = records.fileIdFor(sheet.path(), sheet.fileId());
                        String sheetSession = UUID.randomUUID().toString();
                        records.openSession(sheetSession, sheetId, login, EditorKind.ONLYOFFICE);
                        String fetchToken = tokens.issueFetch(new DocumentFetchGrant(login, sheetId, sheetSession,
                                files.clock.instant().plus(Duration.ofMinutes(5))));
                        MockHttpServletRequest fetch = new MockHttpServletRequest("GET", OnlyOfficeDownloads.PATH + sheetId);
                        fetch.setQueryString("t=" + fetchToken);
                        fetch.addHeader("Authorization", documentServer.bearerFor(Map.of("url",
                                PUBLIC_URL + OnlyOfficeDownloads.PATH + sheetId + "?t=" + fetchToken)));
                        MockHttpServletResponse fetched = new MockHttpServletResponse();
                        Throwable fetchRefusal = catchThrowable(() -> downloads.download(sheetId, fetchToken,
                                fetch.getHeader("Authorization"), fetch, fetched));
                        if (cleared) {
                            assertThat(fetchRefusal).as(outcome).isNull();
                            assertThat(fetched.getContentAsString(StandardCharsets.UTF_8)).as(outcome).isEqualTo("ORIGINAL");
                        } else {
                            assertThat(fetchRefusal).as(outcome).isInstanceOf(OnlyOfficeDownloads.Refusal.class)
                                    .hasMessageNotContaining("JWT").hasMessageNotContaining("token");
                            assertThat(fetched.getContentAsByteArray()).as(outcome).isEmpty();
                        }
                        checked++;
                    }
                }
            }
        }
        // Unmarked once, 密 both ways, the three national-secret levels with their need-to-know list.
        assertThat(checked).isEqualTo((1 + 2 + 3) * DefaultLevels.CLEARANCES.size() * 2);
        assertThat(files.audit.events()).filteredOn(event -> event.action().equals("office.fetch")).isNotEmpty();
    }

    private static StoredFile stored(LocalFileStore store, FilePath path) {
        return store.write(path, new ByteArrayInputStream("ORIGINAL".getBytes(StandardCharsets.UTF_8)), null);
    }

    /** The directory as it is at each request: the clearance the loop sets. */
    private StaffDirectory directory() {
        return new StaffDirectory() {
            @Override
            public Optional<StaffMember> find(String login) {
                return Optional.ofNullable(clearances.get(login)).map(clearance -> new StaffMember(login, login,
                        login, Optional.empty(), true, clearance, List.of("it")));
            }

            @Override
            public List<String> membersOf(String group) {
                return List.of();
            }

            @Override
            public boolean groupExists(String group) {
                return false;
            }
        };
    }
}
