package org.agencyworkspace.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every file response, of every kind and type: sandboxed, never sniffed, active types never inline. */
class FileResponseHeadersTest {

    static final List<String> ACTIVE = List.of("image/svg+xml", "text/html", "application/xhtml+xml",
            "text/xml", "application/xml", "text/javascript", "application/javascript",
            "IMAGE/SVG+XML; charset=utf-8", "application/octet-stream");
    static final List<String> PASSIVE = List.of("application/pdf", "image/png", "image/jpeg");

    @Test
    void activeContentIsAlwaysAnAttachmentAndEveryResponseIsSandboxed(@TempDir Path folder)
            throws IOException {
        Path content = Files.writeString(folder.resolve("x"), "<svg><script>alert(1)</script></svg>");
        for (DeliveryKind kind : DeliveryKind.values()) {
            for (String type : ACTIVE) {
                MockHttpServletResponse response = send(content, type, kind);
                assertThat(response.getHeader("Content-Disposition")).as(kind + " " + type)
                        .startsWith("attachment");
                assertSandboxed(response, kind + " " + type);
            }
            for (String type : PASSIVE) {
                MockHttpServletResponse response = send(content, type, kind);
                boolean shown = kind == DeliveryKind.PREVIEW || kind == DeliveryKind.THUMBNAIL;
                assertThat(response.getHeader("Content-Disposition")).as(kind + " " + type)
                        .startsWith(shown ? "inline" : "attachment");
                assertSandboxed(response, kind + " " + type);
            }
        }
    }

    private static MockHttpServletResponse send(Path content, String type, DeliveryKind kind)
            throws IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FileContentController.send(new Delivery(content, type, "x", false, null, 0), kind, response);
        return response;
    }

    private static void assertSandboxed(MockHttpServletResponse response, String what) {
        assertThat(response.getHeaders("Content-Security-Policy")).as(what).containsExactly("sandbox");
        assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    }
}
