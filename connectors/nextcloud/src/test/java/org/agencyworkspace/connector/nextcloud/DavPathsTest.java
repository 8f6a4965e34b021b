package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.ScriptedHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DavPathsTest {

    @Test
    void eachSegmentIsPercentEncodedOnItsOwn() {
        assertThat(DavPaths.encoded(FilePath.exact("/公文/季報 Q1 #2 100%+a~b.pdf"))).isEqualTo(
                "%E5%85%AC%E6%96%87/%E5%AD%A3%E5%A0%B1%20Q1%20%232%20100%25%2Ba~b.pdf");
        assertThat(DavPaths.encoded(FilePath.exact("a?b=c&d;e"))).isEqualTo("a%3Fb%3Dc%26d%3Be");
    }

    @Test
    void aNameIsSentAsTheStoreReportedItNotNormalised() {
        String nfd = "re\u0301sume\u0301.pdf";
        assertThat(FilePath.exact("/" + nfd).name()).isEqualTo(nfd);
        assertThat(DavPaths.encoded(FilePath.exact(nfd))).isEqualTo("re%CC%81sume%CC%81.pdf");
        assertThat(FilePath.of("/" + nfd).name()).as("what people type is normalised")
                .isEqualTo("r\u00e9sum\u00e9.pdf");
    }

    @Test
    void slashesAtEitherEndAreIgnoredAndEmptyIsTheRoot() {
        assertThat(FilePath.exact("/Reports/2025/")).isEqualTo(FilePath.root().resolve("Reports")
                .resolve("2025"));
        assertThat(FilePath.exact("/").isRoot()).isTrue();
        assertThat(DavPaths.encoded(FilePath.exact(""))).isEmpty();
        assertThat(FilePath.exact("a/b").parent()).contains(FilePath.exact("a"));
        assertThat(FilePath.exact("a/b").name()).isEqualTo("b");
        assertThat(FilePath.exact("a/季報.pdf")).hasToString("/a/季報.pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../b", "./a", "a//b", "a\\b", "..\\x", "a/b\u0000c",
            "line\nbreak", "tab\there", "del\u007f"})
    void traversalAndControlCharactersAreRefused(String path) {
        assertThatThrownBy(() -> FilePath.exact(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedNameNeverReachesTheServer() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(500, java.util.Map.of(),
                ""));
                NextcloudConnector nextcloud = NextcloudConnector.builder()
                        .davUrl(server.baseUri().resolve("/remote.php/dav"))
                        .credentials("workspace", "app-password").build()) {
            assertThatThrownBy(() -> nextcloud.files().stat(FilePath.root().resolve(".."),
                    Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> nextcloud.files().updateProperties(FilePath.exact("a"),
                    java.util.Map.of("bad name", "x"), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void weakEtagsCannotBeUsedForIfMatch() {
        assertThat(ETag.parse("W/\"abc\"")).isEqualTo(new ETag("\"abc\"", true));
        assertThat(ETag.parse("abc")).hasToString("\"abc\"");
        assertThatThrownBy(() -> WriteCondition.ifMatch(ETag.parse("W/\"abc\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weak");
    }
}
