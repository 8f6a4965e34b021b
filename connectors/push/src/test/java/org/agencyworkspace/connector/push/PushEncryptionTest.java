package org.agencyworkspace.connector.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import org.agencyworkspace.testsupport.push.PushBrowser;
import org.junit.jupiter.api.Test;

/**
 * RFC 8291's encryption checked against the RFC's own published values (Appendix A), and every
 * message read back by a browser's side written separately from the sender.
 */
class PushEncryptionTest {

    // RFC 8291, Appendix A.
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZ"
            + "wbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void theRfcsSenderKeysAndSaltGiveTheRfcsBodyByteForByte() {
        KeyPair sender = new KeyPair(P256.publicKey(decode(AS_PUBLIC)), P256.privateKey(decode(AS_PRIVATE)));

        byte[] body = PushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), decode(UA_PUBLIC),
                decode(AUTH), sender, decode(SALT));

        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(body)).isEqualTo(BODY);
    }

    @Test
    void theRfcsReceiverReadsTheRfcsBody() {
        PushBrowser receiver = PushBrowser.of(UA_PRIVATE, UA_PUBLIC, AUTH);

        assertThat(new String(receiver.decrypt(decode(BODY)), StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void eachMessageHasItsOwnKeyAndSaltAndOnlyItsBrowserReadsIt() {
        PushBrowser browser = PushBrowser.fresh();
        PushSubscription subscription = PushSubscription.of("https://push.example/abc", browser.p256dh(),
                browser.auth());
        byte[] plaintext = "{\"title\":\"審核\"}".getBytes(StandardCharsets.UTF_8);

        byte[] first = PushEncryption.encrypt(plaintext, subscription);
        byte[] second = PushEncryption.encrypt(plaintext, subscription);

        assertThat(browser.decrypt(first)).isEqualTo(plaintext);
        assertThat(browser.decrypt(second)).isEqualTo(plaintext);
        assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
        assertThatThrownBy(() -> PushBrowser.fresh().decrypt(first)).isInstanceOf(IllegalStateException.class);
        byte[] tampered = first.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThatThrownBy(() -> browser.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMessageLongerThanAPushServiceTakesIsRefused() {
        PushBrowser browser = PushBrowser.fresh();
        PushSubscription subscription = PushSubscription.of("https://push.example/abc", browser.p256dh(),
                browser.auth());

        byte[] longest = PushEncryption.encrypt(new byte[PushEncryption.MAX_PLAINTEXT], subscription);
        assertThat(longest).hasSize(PushEncryption.RECORD_SIZE);
        assertThatThrownBy(() -> PushEncryption.encrypt(new byte[PushEncryption.MAX_PLAINTEXT + 1], subscription))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }
}
