package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AppServiceRegistrationTest {

    private final AppServiceRegistration registration = AppServiceRegistration.forBot(
            "agency-workspace", URI.create("http://127.0.0.1:8080"), "as-se'cret", "hs-secret",
            "aw-bot", "aw_", "aw-", "agency.gov.tw");

    @Test
    void writesTheYamlSynapseReadsWithExclusiveNamespacesOfThisServer() {
        assertThat(registration.toYaml()).isEqualTo("""
                id: 'agency-workspace'
                url: 'http://127.0.0.1:8080'
                as_token: 'as-se''cret'
                hs_token: 'hs-secret'
                sender_localpart: 'aw-bot'
                rate_limited: false
                namespaces:
                  users:
                    - {exclusive: true, regex: '@aw-bot:agency\\.gov\\.tw'}
                    - {exclusive: true, regex: '@aw_.*:agency\\.gov\\.tw'}
                  aliases:
                    - {exclusive: true, regex: '#aw-.*:agency\\.gov\\.tw'}
                  rooms: []
                """);
    }

    @Test
    void theNamespacesMatchTheWorkspacesOwnIdsOnly() {
        assertThat("@aw_reader:agency.gov.tw").matches(registration.userRegexes().get(1));
        assertThat("@aw_reader:agencyXgov.tw").doesNotMatch(registration.userRegexes().get(1));
        assertThat("#aw-dept-it:agency.gov.tw").matches(registration.aliasRegexes().get(0));
        assertThat("#general:agency.gov.tw").doesNotMatch(registration.aliasRegexes().get(0));
    }

    @Test
    void neverShowsATokenInToString() {
        assertThat(registration.toString()).doesNotContain("secret").contains("******");
    }
}
