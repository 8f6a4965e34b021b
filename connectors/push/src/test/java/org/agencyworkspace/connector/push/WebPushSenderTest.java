package org.agencyworkspace.connector.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.push.FakePushService;
import org.agencyworkspace.testsupport.push.PushBrowser;
import org.agencyworkspace.testsupport.push.VapidToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a fake push service (no real one can run here): the service's side decrypts
 * each message with the subscription's private key and verifies the VAPID token's signature and
 * claims, as a real push service and browser would.
 */
class WebPushSenderTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private final FakePushService service = new FakePushService();
    private final VapidKeys keys = VapidKeys.generate();
    private final WebPushSender sender = WebPushSender.builder().keys(keys)
            .subject("mailto:operator@agency.example").clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aMessageArrivesEncryptedForItsBrowserWithAValidVapidToken() {
        PushBrowser browser = PushBrowser.fresh();
        byte[] payload = "{\"title\":\"待審核\",\"url\":\"/approvals\"}".getBytes(StandardCharsets.UTF_8);

        PushOutcome outcome = sender.send(subscription("phone", browser), payload, Urgency.HIGH);

        assertThat(outcome).isEqualTo(PushOutcome.ACCEPTED);
        FakePushService.Received received = service.received().get(0);
        assertThat(received.device()).isEqualTo("phone");
        assertThat(browser.decrypt(received.body())).isEqualTo(payload);
        assertThat(new String(received.body(), StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(payload, StandardCharsets.ISO_8859_1).substring(0, 9));
        assertThat(received.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(received.header("TTL")).isEqualTo("86400");
        assertThat(received.header("Urgency")).isEqualTo("high");
        VapidToken token = VapidToken.verify(received.header("Authorization"));
        assertThat(token.audience()).isEqualTo(service.origin());
        assertThat(token.expires()).isAfter(NOW).isBeforeOrEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(token.subject()).isEqualTo("mailto:operator@agency.example");
        assertThat(token.publicKey()).isEqualTo(sender.publicKey());
    }

    @Test
    void aTokenSignedWithAnotherKeyDoesNotVerify() {
        PushBrowser browser = PushBrowser.fresh();
        sender.send(subscription("phone", browser), new byte[] {1}, Urgency.NORMAL);
        String authorization = service.received().get(0).header("Authorization");
        String otherKey = VapidKeys.generate().publicKey();

        assertThatThrownBy(() -> VapidToken.verify(authorization.replaceAll("k=.*", "k=" + otherKey)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not verify");
    }

    @Test
    void anUnsubscribedBrowserIsGoneAndAnOutageIsTransientAndARefusalPermanent() {
        PushBrowser browser = PushBrowser.fresh();
        service.answer("gone", 410);
        service.answer("missing", 404);
        service.answer("down", 503);
        service.answer("refused", 403);

        assertThat(sender.send(subscription("gone", browser), new byte[] {1}, Urgency.NORMAL))
                .isEqualTo(PushOutcome.GONE);
        assertThat(sender.send(subscription("missing", browser), new byte[] {1}, Urgency.NORMAL))
                .isEqualTo(PushOutcome.GONE);
        assertThatThrownBy(() -> sender.send(subscription("down", browser), new byte[] {1}, Urgency.NORMAL))
                .isInstanceOf(TransientConnectorException.class);
        assertThatThrownBy(() -> sender.send(subscription("refused", browser), new byte[] {1}, Urgency.NORMAL))
                .isInstanceOf(PermanentConnectorException.class).hasMessageContaining("403");
    }

    @Test
    void aTokenValidForMoreThanADayOrASubjectThatIsNoContactIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> WebPushSender.builder().keys(keys).subject("mailto:a@b")
                .tokenValidity(Duration.ofHours(25)).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WebPushSender.builder().keys(keys).subject("http://agency.example").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WebPushSender.builder().subject("mailto:a@b").build())
                .isInstanceOf(IllegalStateException.class);
    }

    private PushSubscription subscription(String device, PushBrowser browser) {
        return new PushSubscription(service.endpoint(device), browser.p256dh(), browser.auth());
    }
}
