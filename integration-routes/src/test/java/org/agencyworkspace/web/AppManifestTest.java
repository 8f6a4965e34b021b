package org.agencyworkspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * One manifest for both languages, as the Web App Manifest's localisation members have it: the
 * names and description in zh-TW (the manifest's {@code lang}, what every browser shows) and an
 * English alternative of each in {@code *_localized}, which browsers that know the members pick
 * by the person's language. Nothing in the default names is English, nothing in the English ones
 * Chinese.
 */
class AppManifestTest {

    @Test
    void theNamesAreChineseByDefaultWithAnEnglishAlternativeForEach() throws IOException {
        JsonNode manifest;
        try (InputStream in = new ClassPathResource("app/manifest.webmanifest").getInputStream()) {
            manifest = new ObjectMapper().readTree(in);
        }
        assertThat(manifest.get("lang").asText()).isEqualTo("zh-TW");
        for (String member : List.of("name", "short_name", "description")) {
            String zh = manifest.get(member).asText();
            String en = manifest.get(member + "_localized").get("en").asText();
            assertThat(zh).as(member).containsPattern("\\p{IsHan}").doesNotContainPattern("[A-Za-z]");
            assertThat(en).as(member + " in English").isNotBlank().doesNotContainPattern("\\p{IsHan}");
            assertThat(manifest.get(member + "_localized").size()).as(member).isEqualTo(1);
        }
        assertThat(manifest.get("short_name").asText().length()).as("fits under an icon").isLessThanOrEqualTo(12);
    }
}
