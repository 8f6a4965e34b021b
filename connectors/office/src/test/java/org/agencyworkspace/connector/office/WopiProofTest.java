package org.agencyworkspace.connector.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.agencyworkspace.connector.office.WopiProof.Outcome;
import org.junit.jupiter.api.Test;

class WopiProofTest {

    private static final KeyPair CURRENT = DiscoveryXml.rsaKeyPair();
    private static final KeyPair OLD = DiscoveryXml.rsaKeyPair();
    private static final KeyPair STRANGER = DiscoveryXml.rsaKeyPair();
    private static final WopiDiscovery DISCOVERY = WopiDiscovery.parse(new ByteArrayInputStream(
            DiscoveryXml.collabora(CURRENT, OLD).getBytes(StandardCharsets.UTF_8)));
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final String TOKEN = "eyJ0b2tlbiI6MX0.abc_-";
    private static final String URL = "https://workspace.example/wopi/files/nc-42?access_token=" + TOKEN;

    @Test
    void ticksAreDotNetTicks() {
        assertThat(WopiProof.ticks(Instant.EPOCH)).isEqualTo(621_355_968_000_000_000L);
        assertThat(WopiProof.ticks(Instant.parse("2026-11-27T03:00:00.123Z")))
                .isEqualTo(Instant.parse("2026-11-27T03:00:00.123Z").toEpochMilli() * 10_000 + 621_355_968_000_000_000L);
        assertThat(WopiProof.fromTicks(WopiProof.ticks(NOW))).isEqualTo(NOW);
    }

    @Test
    void theSignedBytesFollowTheSpecLayout() {
        ByteBuffer bytes = ByteBuffer.wrap(WopiProof.expectedBytes("tök", "http://h/a?b=c", 42L));
        assertThat(bytes.getInt()).isEqualTo(4); // UTF-8 bytes, not characters
        bytes.position(bytes.position() + 4);
        assertThat(bytes.getInt()).isEqualTo(14);
        byte[] url = new byte[14];
        bytes.get(url);
        assertThat(new String(url, StandardCharsets.UTF_8)).isEqualTo("HTTP://H/A?B=C");
        assertThat(bytes.getInt()).isEqualTo(8);
        assertThat(bytes.getLong()).isEqualTo(42L);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void acceptsTheCurrentKeyAndNotesTheOldOne() {
        long ticks = WopiProof.ticks(NOW.minusSeconds(30));
        String byCurrent = WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL, ticks);
        String byOld = WopiProof.sign(OLD.getPrivate(), TOKEN, URL, ticks);

        assertThat(verify(ticks, byCurrent, null)).isEqualTo(Outcome.VALID);
        // The editor rotated keys but discovery still lists the new one as old... or the reverse.
        assertThat(verify(ticks, byOld, null)).isEqualTo(Outcome.VALID_WITH_OLD_KEY);
        assertThat(verify(ticks, "bm9wZQ==", byCurrent)).isEqualTo(Outcome.VALID_WITH_OLD_KEY);
    }

    @Test
    void refusesWrongSignatures() {
        long ticks = WopiProof.ticks(NOW);
        assertThat(verify(ticks, WopiProof.sign(STRANGER.getPrivate(), TOKEN, URL, ticks), null))
                .isEqualTo(Outcome.INVALID);
        // Signed for another token, URL or time: each is part of what is signed.
        assertThat(verify(ticks, WopiProof.sign(CURRENT.getPrivate(), TOKEN + "x", URL, ticks), null))
                .isEqualTo(Outcome.INVALID);
        assertThat(verify(ticks, WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL + "&x=1", ticks), null))
                .isEqualTo(Outcome.INVALID);
        assertThat(verify(ticks + 1, WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL, ticks), null))
                .isEqualTo(Outcome.INVALID);
        // The old signature made with the old key is not one of the three accepted combinations.
        assertThat(verify(ticks, "bm9wZQ==", WopiProof.sign(OLD.getPrivate(), TOKEN, URL, ticks)))
                .isEqualTo(Outcome.INVALID);
        assertThat(verify(ticks, "not base64!", null)).isEqualTo(Outcome.INVALID);
        assertThat(verify(ticks, null, null)).isEqualTo(Outcome.INVALID);
    }

    @Test
    void theUrlIsComparedUpperCased() {
        long ticks = WopiProof.ticks(NOW);
        String proof = WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL.toUpperCase(), ticks);
        assertThat(verify(ticks, proof, null)).isEqualTo(Outcome.VALID);
    }

    @Test
    void refusesRequestsOlderThanTwentyMinutes() {
        long fresh = WopiProof.ticks(NOW.minus(Duration.ofMinutes(19)));
        long stale = WopiProof.ticks(NOW.minus(Duration.ofMinutes(21)));
        assertThat(verify(fresh, WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL, fresh), null)).isEqualTo(Outcome.VALID);
        assertThat(verify(stale, WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL, stale), null)).isEqualTo(Outcome.EXPIRED);
        assertThat(WopiProof.verify(new WopiProof.Request(TOKEN, URL, "yesterday", "x", null), DISCOVERY, NOW))
                .isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void withoutAProofKeyNothingVerifies() {
        WopiDiscovery unsigned = WopiDiscovery.parse(new ByteArrayInputStream(
                DiscoveryXml.collabora(null, null).getBytes(StandardCharsets.UTF_8)));
        long ticks = WopiProof.ticks(NOW);
        assertThat(WopiProof.verify(new WopiProof.Request(TOKEN, URL, Long.toString(ticks),
                WopiProof.sign(CURRENT.getPrivate(), TOKEN, URL, ticks), null), unsigned, NOW)).isEqualTo(Outcome.INVALID);
    }

    private static Outcome verify(long ticks, String proof, String proofOld) {
        return WopiProof.verify(new WopiProof.Request(TOKEN, URL, Long.toString(ticks), proof, proofOld), DISCOVERY, NOW);
    }
}
