package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.CannedHttpServer.Received;
import org.agencyworkspace.testsupport.ScriptedHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PROPFIND parsing and status mapping, against answers shaped as Nextcloud's SabreDAV sends. */
class DavAnswersTest {

    private static final String ROOT = "/remote.php/dav/files/workspace/";
    private static final String FOLDER = ROOT + "%E5%85%AC%E6%96%87";
    private static final String XML = "application/xml; charset=utf-8";

    /** Depth 1 of /公文/: a file with our label, a sub-folder without it (404 propstat). */
    private static final String LISTING = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"
                xmlns:oc="http://owncloud.org/ns" xmlns:aw="https://agency-workspace.org/ns">
             <d:response><d:href>/remote.php/dav/files/workspace/%E5%85%AC%E6%96%87/</d:href>
              <d:propstat><d:prop><d:getetag>&quot;66a0f1&quot;</d:getetag>
               <d:resourcetype><d:collection/></d:resourcetype><oc:fileid>12</oc:fileid>
               <oc:size>2048</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
             </d:response>
             <d:response>
              <d:href>/remote.php/dav/files/workspace/%E5%85%AC%E6%96%87/%E7%B0%BD%E5%91%88%20%231.pdf</d:href>
              <d:propstat><d:prop>
               <d:getlastmodified>Tue, 03 Jun 2025 08:00:00 GMT</d:getlastmodified>
               <d:getcontentlength>2048</d:getcontentlength>
               <d:getcontenttype>application/pdf</d:getcontenttype>
               <d:getetag>&quot;a1b2c3&quot;</d:getetag><d:resourcetype/>
               <oc:fileid>259</oc:fileid>
               <aw:classification>{"level":"密"}</aw:classification><aw:note></aw:note>
              </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
              <d:propstat><d:prop><oc:size/><aw:reviewer/></d:prop>
               <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
             </d:response>
             <d:response><d:href>/remote.php/dav/files/workspace/%E5%85%AC%E6%96%87/%E9%99%84/</d:href>
              <d:propstat><d:prop><d:getetag>&quot;f00&quot;</d:getetag>
               <d:resourcetype><d:collection/></d:resourcetype><oc:fileid>300</oc:fileid>
               <oc:size>0</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
              <d:propstat><d:prop><aw:classification/><aw:note/><aw:reviewer/></d:prop>
               <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
             </d:response>
            </d:multistatus>
            """;

    private final ScriptedHttpServer server = new ScriptedHttpServer(new Answer(404, Map.of(),
            ""));
    private final NextcloudConnector nextcloud = NextcloudConnector.builder()
            .davUrl(server.baseUri().resolve("/remote.php/dav"))
            .credentials("workspace", "s3cret-app-password").build();

    @AfterEach
    void stop() {
        nextcloud.close();
        server.close();
    }

    @Test
    void listReadsFileIdsEtagsAndOnlyTheOwnPropertiesThatExist() {
        server.on("PROPFIND", FOLDER, new Answer(207, Map.of("Content-Type", XML), LISTING));

        List<DavEntry> entries = nextcloud.files().list(FilePath.exact("公文"),
                Set.of("classification", "note", "reviewer"));

        assertThat(entries).hasSize(2);
        DavEntry file = entries.get(0);
        assertThat(file.path()).isEqualTo(FilePath.exact("公文/簽呈 #1.pdf"));
        assertThat(file.fileId()).isEqualTo(OptionalLong.of(259));
        assertThat(file.etag()).hasValue(new ETag("\"a1b2c3\"", false));
        assertThat(file.size()).isEqualTo(2048);
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.lastModified()).hasToString("2025-06-03T08:00:00Z");
        assertThat(file.collection()).isFalse();
        assertThat(file.properties()).containsOnly(Map.entry("classification", "{\"level\":\"密\"}"),
                Map.entry("note", ""));
        DavEntry folder = entries.get(1);
        assertThat(folder.collection()).isTrue();
        assertThat(folder.properties()).isEmpty();

        Received request = server.received().get(0);
        assertThat(request.headers()).containsEntry("Depth", "1");
        assertThat(request.body()).contains("https://agency-workspace.org/ns", "classification",
                "reviewer", "http://owncloud.org/ns", "fileid");
    }

    @Test
    void propertiesAreWrittenInOurNamespaceWithXmlEscaping() {
        server.on("PROPPATCH", ROOT + "a.txt", new Answer(207, Map.of("Content-Type", XML), """
                <d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/files/workspace/a.txt</d:href>
                <d:propstat><d:prop><x:label xmlns:x="https://agency-workspace.org/ns"/></d:prop>
                <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"""));

        nextcloud.files().updateProperties(FilePath.exact("a.txt"), Map.of("label", "密 <&> \"x\""),
                Set.of("old"));

        String body = server.received().get(0).body();
        assertThat(body).contains("xmlns:aw=\"https://agency-workspace.org/ns\"",
                "<aw:label>密 &lt;&amp;&gt; \"x\"</aw:label>", "<d:remove>", "<aw:old");
    }

    @Test
    void aPropertyTheServerRefusesIsReportedByName() {
        server.on("PROPPATCH", ROOT + "a.txt", new Answer(207, Map.of("Content-Type", XML), """
                <d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/files/workspace/a.txt</d:href>
                <d:propstat><d:prop><x:label xmlns:x="https://agency-workspace.org/ns"/></d:prop>
                <d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat></d:response></d:multistatus>"""));

        assertThatThrownBy(() -> nextcloud.files().updateProperties(FilePath.exact("a.txt"),
                Map.of("label", "x"), Set.of()))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("label (HTTP/1.1 403 Forbidden)");
    }

    @ParameterizedTest
    @CsvSource({
        "401, org.agencyworkspace.connector.PermanentConnectorException",
        "403, org.agencyworkspace.connector.PermanentConnectorException",
        "404, org.agencyworkspace.connector.nextcloud.NotFoundException",
        "409, org.agencyworkspace.connector.nextcloud.ParentMissingException",
        "412, org.agencyworkspace.connector.nextcloud.PreconditionFailedException",
        "423, org.agencyworkspace.connector.nextcloud.LockedException",
        "507, org.agencyworkspace.connector.nextcloud.InsufficientStorageException",
        "429, org.agencyworkspace.connector.TransientConnectorException",
        "500, org.agencyworkspace.connector.TransientConnectorException",
        "503, org.agencyworkspace.connector.TransientConnectorException"})
    void eachStatusIsItsOwnFailure(int status, Class<? extends ConnectorException> expected) {
        server.on("PUT", ROOT + "a%20b.txt", new Answer(status, Map.of("Content-Type", XML), """
                <?xml version="1.0" encoding="utf-8"?>
                <d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
                  <s:exception>Sabre\\DAV\\Exception</s:exception>
                  <s:message>Server says why</s:message>
                </d:error>"""));

        assertThatThrownBy(() -> nextcloud.files().upload(FilePath.exact("a b.txt"),
                new ByteArrayInputStream(new byte[3]), 3, WriteCondition.none()))
                .isExactlyInstanceOf(expected)
                .satisfies(e -> {
                    ConnectorException failure = (ConnectorException) e;
                    assertThat(failure.status()).isEqualTo(status);
                    assertThat(failure.serverMessage()).isEqualTo("Server says why");
                    assertThat(failure.sanitizedUri()).endsWith("/files/workspace/a%20b.txt");
                    assertThat(failure.getMessage()).doesNotContain("s3cret");
                });
    }

    @Test
    void missingThingsAreEmptyOrFalseWhereThatIsANormalAnswer() {
        assertThat(nextcloud.files().stat(FilePath.exact("gone"), Set.of())).isEmpty();
        assertThat(nextcloud.files().delete(FilePath.exact("gone"), WriteCondition.none())).isFalse();
        assertThatThrownBy(() -> nextcloud.files().download(FilePath.exact("gone")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void conditionsBecomeIfMatchAndIfNoneMatchHeaders() {
        server.on("DELETE", ROOT + "a.txt", new Answer(204, Map.of(), ""));
        server.on("PUT", ROOT + "b.txt", new Answer(201, Map.of("ETag", "\"new\""), ""));

        nextcloud.files().delete(FilePath.exact("a.txt"), WriteCondition.ifMatch(ETag.parse("\"v1\"")));
        Upload created = nextcloud.files().upload(FilePath.exact("b.txt"),
                new ByteArrayInputStream(new byte[1]), 1, WriteCondition.ifAbsent());

        assertThat(server.received().get(0).headers()).containsEntry("If-match", "\"v1\"");
        assertThat(server.received().get(1).headers()).containsEntry("If-none-match", "*");
        assertThat(created.etag()).hasValue(ETag.parse("\"new\""));
        assertThat(created.created()).isTrue();
    }

    @Test
    void anUnreachableServerIsTransient() {
        try (NextcloudConnector nowhere = NextcloudConnector.builder()
                .davUrl(URI.create("http://127.0.0.1:1/remote.php/dav"))
                .credentials("workspace", "s3cret-app-password").build()) {
            assertThatThrownBy(() -> nowhere.files().list(FilePath.root(), Set.of()))
                    .isInstanceOfSatisfying(TransientConnectorException.class,
                            e -> assertThat(e.status()).isZero());
        }
    }
}
