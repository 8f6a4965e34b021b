package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgement.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExchangeAcknowledgementsTest {

    private static SigningFixture fixture;
    private static ExchangeAcknowledgements acknowledgements;
    private static byte[] signed;
    private static final ExchangeAcknowledgement REFUSAL = new ExchangeAcknowledgement("A12345", "數位發展部",
            "376430000A", "府授秘字第1150001234號", ExchangeAcknowledgements.digestOf(new byte[] {1, 2, 3}),
            Outcome.REFUSED, "TAMPERED", "the package was altered after 趙發文 signed it", Instant.parse("2026-12-07T08:00:00Z"));

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SigningFixture();
        acknowledgements = new ExchangeAcknowledgements(fixture.checks, fixture.validator);
        try (UnlockedKey key = fixture.unlock(fixture.issue("收文櫃台", "科員"))) {
            signed = acknowledgements.sign(REFUSAL, key);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aSignedAcknowledgementIsReadBackWithItsSigner() throws Exception {
        ExchangeAcknowledgements.Signed read = acknowledgements.read(signed);

        assertThat(read.acknowledgement()).isEqualTo(REFUSAL);
        assertThat(read.signerOrganisation()).isNotBlank();
    }

    @Test
    void aRefusalNeedsAReasonAndReceivedNone() {
        assertThatThrownBy(() -> new ExchangeAcknowledgement("A1", "", "", "", REFUSAL.packageDigest(), Outcome.REFUSED,
                "", "", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeAcknowledgement("A1", "", "", "", REFUSAL.packageDigest(), Outcome.RECEIVED,
                "TAMPERED", "", Instant.now())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded damage (bit flips, truncation): every damaged acknowledgement is refused or reads back the same. */
    @Test
    void damagedAcknowledgementsAreRefused() {
        long seed = Long.getLong("fuzz.seed", 20261207L);
        Random random = new Random(seed);
        for (int i = 0; i < Integer.getInteger("fuzz.count", 40); i++) {
            byte[] damaged = random.nextInt(4) == 0
                    ? java.util.Arrays.copyOf(signed, random.nextInt(signed.length))
                    : flip(signed, random);
            try {
                assertThat(acknowledgements.read(damaged).acknowledgement()).as("seed %d case %d", seed, i).isEqualTo(REFUSAL);
            } catch (PackageRefusedException refused) {
                assertThat(refused.reason()).as("seed %d case %d", seed, i).isNotNull();
            }
        }
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int at = random.nextInt(copy.length);
        copy[at] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }
}
