package org.agencyworkspace.connector.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.ScriptedHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DavPathTest {

    @Test
    void eachSegmentIsPercentEncodedOnItsOwn() {
        assertThat(DavPath.of("/公文/季報 Q1 #2 100%+a~b.pdf").encoded()).isEqualTo(
                "%E5%85%AC%E6%96%87/%E5%AD%A3%E5%A0%B1%20Q1%20%232%20100%25%2Ba~b.pdf");
        assertThat(DavPath.of("a?b=c&d;e").encoded()).isEqualTo("a%3Fb%3Dc%26d%3Be");
    }

    @Test
    void slashesAtEitherEndAreIgnoredAndEmptyIsTheRoot() {
        assertThat(DavPath.of("/Reports/2025/")).isEqualTo(DavPath.root().resolve("Reports")
                .resolve("2025"));
        assertThat(DavPath.of("/").isRoot()).isTrue();
        assertThat(DavPath.of("").encoded()).isEmpty();
        assertThat(DavPath.of("a/b").parent()).isEqualTo(DavPath.of("a"));
        assertThat(DavPath.of("a/b").name()).isEqualTo("b");
        assertThat(DavPath.of("a/季報.pdf")).hasToString("/a/季報.pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../b", "./a", "a//b", "a\\b", "..\\x", "a/b\u0000c",
            "line\nbreak", "tab\there", "del\u007f"})
    void traversalAndControlCharactersAreRefused(String path) {
        assertThatThrownBy(() -> DavPath.of(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedNameNeverReachesTheServer() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(500, java.util.Map.of(),
                ""));
                NextcloudConnector nextcloud = NextcloudConnector.builder()
                        .davUrl(server.baseUri().resolve("/remote.php/dav"))
                        .credentials("workspace", "app-password").build()) {
            assertThatThrownBy(() -> nextcloud.files().stat(DavPath.root().resolve(".."),
                    Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> nextcloud.files().updateProperties(DavPath.of("a"),
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
