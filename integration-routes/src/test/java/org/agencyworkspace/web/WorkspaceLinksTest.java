package org.agencyworkspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The link check against hostile variants, seeded so a failure replays: known open-redirect
 * shapes, the same shapes spliced into good links, and random strings over an alphabet of the
 * characters that matter. Whatever is accepted must stay on the workspace even as a browser
 * reads it (WHATWG: {@code \} is {@code /}, tabs and newlines are dropped).
 */
class WorkspaceLinksTest {

    private static final long SEED = 20261207L;
    private static final String BASE = "https://workspace.example";

    private static final List<String> GOOD = List.of("/expenses/1", "/approvals",
            "/files/edit?path=%2F%E7%B8%BD%E5%8B%99%E8%99%95%2F%E7%B0%BD%E5%91%88.docx",
            "/files?path=/總務處/簽呈.docx", "/documents/公文-2026-001", "/meetings/42#agenda",
            "/reviews/panel-3?tab=scores&page=2", "/a/b.c/d..e/.hidden", "/%E5%85%AC%E6%96%87");

    private static final List<String> HOSTILE = List.of("/\\evil.example/", "\\/evil.example",
            "\\\\evil.example", "//evil.example", "///evil.example", "https://evil.example/",
            "http:evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
            "evil.example", "", " /expenses/1", "/\t/evil.example", "/\n/evil.example",
            "/\r/evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example",
            "/%5cevil.example", "/%2e%2e/%2e%2e/evil", "/./evil", "/../evil", "/a/../../b",
            "/a/./b", "/a/.", "/a/..", "/%252F%252Fevil.example", "/%09/evil.example",
            "/%0a/evil.example", "/%00", "/%", "/%2", "/%zz", "/\u0000", "/\u007f",
            "/\u2028/evil", "/\u00a0/evil", "/\u3000/evil", "/\ufeff/evil",
            "/expenses/1\\..\\..\\", "/%2E/evil", "/x?y\\z", "/x#\t");

    /** Inserted anywhere, each makes a link unacceptable. */
    private static final List<String> ANYWHERE = List.of("\\", "\t", "\n", "\r", "\u0000",
            "\u007f", " ", "\u2028", "\u00a0", "\u3000", "\u200b");
    /** Inserted into the path, each makes a link unacceptable. */
    private static final List<String> IN_PATH = List.of("//", "/./", "/../", "%2F", "%2f",
            "%5C", "%5c", "%2e", "%2E", "%252F", "%25", "%00", "%0A", "%09", "%7F", "%g1", "%Z");
    /** Put in front of a good link, each makes it unacceptable. */
    private static final List<String> PREFIXES = List.of("/", "\\", "//", "/\\", "\\/",
            "https:", "https://evil.example", "//evil.example", "javascript:", "\t", " ",
            "%2F", "evil.example", "/%2F");

    @Test
    void knownOpenRedirectShapesAreRefused() {
        for (String link : HOSTILE) {
            assertThat(WorkspaceLinks.safe(link)).as("%s", escape(link)).isEmpty();
        }
        assertThat(WorkspaceLinks.safe(null)).isEmpty();
        assertThat(WorkspaceLinks.safe("/" + "a".repeat(WorkspaceLinks.MAX_LENGTH))).isEmpty();
    }

    @Test
    void aSavedRequestSendsPeopleBackOnlyWithinTheWorkspaceWhateverItsHost() {
        assertThat(WorkspaceLinks.returnPath("https://evil.example/files?path=%2F%E4%BA%BA", "/"))
                .as("the host comes from the client's Host header: only path and query count")
                .isEqualTo("/files?path=%2F%E4%BA%BA");
        assertThat(WorkspaceLinks.returnPath("http://localhost:8080/approvals", "/"))
                .isEqualTo("/approvals");
        for (String hostile : HOSTILE) {
            assertThat(WorkspaceLinks.returnPath("https://workspace.example" + hostile, "/"))
                    .as(hostile).satisfiesAnyOf(
                            back -> assertThat(back).isEqualTo("/"),
                            back -> assertThat(WorkspaceLinks.safe(back)).contains(back));
        }
        assertThat(WorkspaceLinks.returnPath("https://workspace.example//evil.example/", "/"))
                .isEqualTo("/");
        assertThat(WorkspaceLinks.returnPath(null, "/step-up/status")).isEqualTo("/step-up/status");
        assertThat(WorkspaceLinks.returnPath("not a url at all", "/")).isEqualTo("/");
    }

    @Test
    void workspacePathsAreAccepted() {
        for (String link : GOOD) {
            assertThat(WorkspaceLinks.safe(link)).as(link).hasValue(link);
            assertThat(WorkspaceLinks.require(link)).isEqualTo(link);
        }
    }

    @Test
    void hostilePiecesSplicedIntoGoodLinksAreRefused() {
        Random random = new Random(SEED);
        int checked = 0;
        for (int round = 0; round < 5_000; round++) {
            String good = GOOD.get(random.nextInt(GOOD.size()));
            int pathEnd = pathEnd(good);
            String link;
            switch (random.nextInt(3)) {
                case 0 -> {
                    String piece = ANYWHERE.get(random.nextInt(ANYWHERE.size()));
                    int at = random.nextInt(good.length() + 1);
                    link = good.substring(0, at) + piece + good.substring(at);
                }
                case 1 -> {
                    String piece = IN_PATH.get(random.nextInt(IN_PATH.size()));
                    int at = 1 + random.nextInt(pathEnd);
                    link = good.substring(0, at) + piece + good.substring(at);
                }
                default -> link = PREFIXES.get(random.nextInt(PREFIXES.size())) + good;
            }
            assertThat(WorkspaceLinks.safe(link)).as("seed %d round %d: %s", SEED, round, escape(link))
                    .isEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(5_000);
    }

    @Test
    void whateverIsAcceptedStaysOnTheWorkspaceAsABrowserReadsIt() {
        char[] alphabet = {'/', '/', '/', '\\', '.', '.', '%', '2', 'F', 'f', '5', 'C', 'c', 'e',
                'E', '0', '9', 'a', ':', '@', '?', '#', '\t', '\n', ' ', 'h', 't', 'p', 's', '總'};
        Random random = new Random(SEED + 1);
        List<String> accepted = new ArrayList<>();
        for (int round = 0; round < 50_000; round++) {
            StringBuilder link = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                link.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String candidate = link.toString();
            if (WorkspaceLinks.safe(candidate).isEmpty()) {
                continue;
            }
            accepted.add(candidate);
            String asBrowserReadsIt = candidate.replace('\\', '/').replaceAll("[\\t\\n\\r]", "");
            URI resolved = URI.create(BASE).resolve(URI.create(asBrowserReadsIt));
            assertThat(resolved.getHost()).as("seed %d: %s", SEED + 1, escape(candidate))
                    .isEqualTo("workspace.example");
            assertThat(resolved.getRawPath()).as(candidate).startsWith("/").doesNotStartWith("//");
        }
        // The property says something only if links were accepted at all.
        assertThat(accepted).hasSizeGreaterThan(100);
    }

    private static int pathEnd(String link) {
        int query = link.indexOf('?');
        int fragment = link.indexOf('#');
        int end = link.length();
        if (query >= 0) {
            end = Math.min(end, query);
        }
        if (fragment >= 0) {
            end = Math.min(end, fragment);
        }
        return end;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f || c > 0x7e && !Character.isLetter(c)
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
