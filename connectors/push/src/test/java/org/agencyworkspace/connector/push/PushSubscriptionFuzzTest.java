package org.agencyworkspace.connector.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.agencyworkspace.testsupport.push.PushBrowser;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions come from browsers, that is from anyone signed in: mutated endpoints and keys are
 * either refused with an IllegalArgumentException or taken as valid points on the curve, never
 * anything else.
 */
class PushSubscriptionFuzzTest {

    private static final long SEED = 20261207L;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/:.%@ \u5bc6";

    @Test
    void mutatedSubscriptionsAreRefusedCleanly() {
        PushBrowser browser = PushBrowser.fresh();
        String[] valid = {"https://fcm.googleapis.com/fcm/send/abc:def", browser.p256dh(), browser.auth()};
        Random random = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            String[] parts = valid.clone();
            int which = random.nextInt(3);
            parts[which] = mutate(parts[which], random);
            try {
                PushSubscription subscription = PushSubscription.of(parts[0], parts[1], parts[2]);
                assertThat(P256.encode(subscription.browserKey())).isEqualTo(subscription.browserKeyBytes());
            } catch (IllegalArgumentException expected) {
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + ", case " + i + ": " + String.join(" | ", parts), e);
            }
        }
        assertThat(refused).as("seed %d", SEED).isGreaterThan(1000);
    }

    @Test
    void aPointOffTheCurveIsRefusedBeforeAnyKeyAgreement() {
        byte[] point = java.util.Base64.getUrlDecoder().decode(PushBrowser.fresh().p256dh());
        point[64] ^= 1;
        String offCurve = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(point);

        assertThatThrownBy(() -> PushSubscription.of("https://push.example/x", offCurve, PushBrowser.fresh().auth()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curve");
    }

    private static String mutate(String value, Random random) {
        StringBuilder text = new StringBuilder(value);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, c);
                case 1 -> { if (text.length() > 0) { text.deleteCharAt(at); } }
                case 2 -> { if (text.length() > 0) { text.setCharAt(at, c); } }
                default -> text.setLength(random.nextInt(text.length() + 1));
            }
        }
        return text.toString();
    }
}
