package org.agencyworkspace.files.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class EditingPropertiesTest {

    @Test
    void picksTheEditorByConfigurationAndFileType() {
        EditingProperties both = properties("https://cool", "https://oo");
        assertThat(both.editorFor("XLSX")).isEqualTo(EditorKind.ONLYOFFICE);
        assertThat(both.editorFor("odt")).isEqualTo(EditorKind.COLLABORA);
        assertThat(properties("https://cool", null).editorFor("xlsx")).isEqualTo(EditorKind.COLLABORA);
        assertThat(properties(null, "https://oo").editorFor("odt")).isEqualTo(EditorKind.ONLYOFFICE);
        assertThat(properties(null, null).editorFor("docx")).isNull();
    }

    @Test
    void secretsMustBeLongEnough() {
        assertThat(properties(null, "https://oo").onlyoffice().isSecretSet()).isTrue();
        assertThat(new EditingProperties.OnlyOffice(URI.create("https://oo"), "short", List.of(), "ws", Duration.ofMinutes(5)).isSecretSet()).isFalse();
        assertThat(new EditingProperties.OnlyOffice(null, null, List.of(), "ws", Duration.ofMinutes(5)).isSecretSet()).isTrue();
    }

    @Test
    void theDocumentServersDownloadLinkLivesMinutesNotHours() {
        assertThat(properties(null, "https://oo").onlyoffice().isFetchTokenTtlShort()).isTrue();
        assertThat(new EditingProperties.OnlyOffice(null, null, List.of(), "ws", Duration.ofHours(10))
                .isFetchTokenTtlShort()).isFalse();
        assertThat(new EditingProperties.OnlyOffice(null, null, List.of(), "ws", Duration.ZERO)
                .isFetchTokenTtlShort()).isFalse();
    }

    private static EditingProperties properties(String collabora, String onlyoffice) {
        return new EditingProperties(null, Duration.ofHours(10), DataSize.ofMegabytes(100),
                Duration.ofMinutes(30),
                new EditingProperties.Collabora(collabora == null ? null : URI.create(collabora), Duration.ofHours(12), true),
                new EditingProperties.OnlyOffice(onlyoffice == null ? null : URI.create(onlyoffice),
                        "a-document-server-secret-of-32-bytes!", List.of("docx", "xlsx", "pptx"), "ws", Duration.ofMinutes(5)));
    }
}
