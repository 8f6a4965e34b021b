package org.agencyworkspace.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UriSanitizerTest {

    @Test
    void dropsUserInfoAndMasksSecretParameters() {
        String safe = UriSanitizer.sanitize(URI.create(
                "https://admin:hunter2@kc.example:8443/realms/a/token?client_secret=s3&first=0&access_token=abc"));

        assertThat(safe).isEqualTo(
                "https://kc.example:8443/realms/a/token?client_secret=xxxxxx&first=0&access_token=xxxxxx");
        assertThat(safe).doesNotContain("hunter2", "s3", "abc");
    }

    @Test
    void keepsOrdinaryUrisUnchanged() {
        assertThat(UriSanitizer.sanitize(URI.create("http://127.0.0.1:8008/_matrix/client/versions")))
                .isEqualTo("http://127.0.0.1:8008/_matrix/client/versions");
        assertThat(UriSanitizer.sanitize(null)).isNull();
    }
}
