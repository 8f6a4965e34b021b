package org.agencyworkspace.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscriptions name the address the workspace will post to: only the listed push services pass. */
class PushServicesAllowedTest {

    private final PushProperties defaults = new PushProperties(true, null, null, Duration.ofDays(1),
            Duration.ofHours(12), List.of("fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com",
                    "notify.windows.com"), 10);

    @Test
    void theBrowsersPushServicesPassOverHttps() {
        for (String endpoint : List.of("https://fcm.googleapis.com/fcm/send/abc",
                "https://updates.push.services.mozilla.com/wpush/v2/abc", "https://web.push.apple.com/QGx",
                "https://wns2-bn3p.notify.windows.com/w/?token=abc", "https://FCM.googleapis.com/x")) {
            assertThat(defaults.allows(URI.create(endpoint))).as(endpoint).isTrue();
        }
    }

    @Test
    void insideAddressesLookAlikesPlainHttpAndOtherPortsAreRefused() {
        for (String endpoint : List.of("http://fcm.googleapis.com/fcm/send/abc", "https://127.0.0.1/push",
                "https://10.0.0.5/push", "https://evilfcm.googleapis.com/x", "https://fcm.googleapis.com.evil.example/x",
                "https://fcm.googleapis.com:8443/x", "https://localhost/x", "https://metadata.google.internal/x")) {
            assertThat(defaults.allows(URI.create(endpoint))).as(endpoint).isFalse();
        }
    }

    @Test
    void anEntryWithASchemeIsOneExactOrigin() {
        PushProperties local = new PushProperties(true, null, null, Duration.ofDays(1), Duration.ofHours(12),
                List.of("http://127.0.0.1:8089"), 10);

        assertThat(local.allows(URI.create("http://127.0.0.1:8089/push/a"))).isTrue();
        assertThat(local.allows(URI.create("http://127.0.0.1:8090/push/a"))).isFalse();
        assertThat(local.allows(URI.create("https://127.0.0.1:8089/push/a"))).isFalse();
    }

    @Test
    void theContactIsTheConfiguredOneElseThePublicHttpsAddressElseTheOperatorAtItsHost() {
        assertThat(PushConfiguration.subject(defaults, URI.create("https://workspace.agency.gov.tw/")))
                .isEqualTo("https://workspace.agency.gov.tw");
        assertThat(PushConfiguration.subject(defaults, URI.create("http://localhost:8080/")))
                .isEqualTo("mailto:operator@localhost");
        PushProperties configured = new PushProperties(true, "mailto:it@agency.gov.tw", null, Duration.ofDays(1),
                Duration.ofHours(12), List.of("fcm.googleapis.com"), 10);
        assertThat(PushConfiguration.subject(configured, URI.create("https://x.example"))).isEqualTo("mailto:it@agency.gov.tw");
    }
}
