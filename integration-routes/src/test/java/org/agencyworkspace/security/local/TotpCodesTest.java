package org.agencyworkspace.security.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.agencyworkspace.support.MutableClock;
import org.junit.jupiter.api.Test;

class TotpCodesTest {

    /** RFC 6238 appendix B seed for HMAC-SHA1: ASCII "12345678901234567890" in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(59));
    private final TotpCodes codes = new TotpCodes(clock, "Agency Workspace");

    @Test
    void matchesTheRfc6238TestVectorsTruncatedToSixDigits() {
        // RFC 6238 gives 94287082 at T=59 and 07081804 at T=1111111109 (8 digits).
        assertThat(codes.codeAt(RFC_SECRET, 59 / 30)).isEqualTo("287082");
        assertThat(codes.codeAt(RFC_SECRET, 1111111109L / 30)).isEqualTo("081804");
    }

    @Test
    void acceptsOneStepOfDriftAndReportsTheStep() {
        clock.set(Instant.ofEpochSecond(1111111109L + 30));
        long now = codes.currentStep();

        assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now - 1)))
                .hasValue(now - 1);
        assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now + 1)))
                .hasValue(now + 1);
        assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, now - 2))).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        assertThat(codes.matchingStep(RFC_SECRET, null)).isEmpty();
        assertThat(codes.matchingStep(RFC_SECRET, "28708")).isEmpty();
        assertThat(codes.matchingStep(RFC_SECRET, "2870822")).isEmpty();
        assertThat(codes.matchingStep(RFC_SECRET, "abcdef")).isEmpty();
    }

    @Test
    void provisioningUriCarriesIssuerAndParameters() {
        String uri = codes.provisioningUri("alice", RFC_SECRET);

        assertThat(uri).startsWith("otpauth://totp/").contains("secret=" + RFC_SECRET)
                .contains("issuer=Agency").contains("digits=6").contains("period=30");
        assertThat(codes.qrCodeDataUri("alice", RFC_SECRET)).startsWith("data:image/png;base64,");
        assertThat(codes.newSecret()).matches("[A-Z2-7]{32}");
    }
}
