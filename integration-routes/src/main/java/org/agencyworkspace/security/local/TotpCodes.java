package org.agencyworkspace.security.local;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based one-time codes: HMAC-SHA1, 6 digits, 30-second steps, one step of clock
 * drift either way, which is what common authenticator apps expect. Reports the matched step so
 * the caller can refuse a code that was already used.
 */
public class TotpCodes {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    private static final int DRIFT_STEPS = 1;

    private final Clock clock;
    private final String issuer;
    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);

    public TotpCodes(Clock clock, String issuer) {
        this.clock = clock;
        this.issuer = issuer;
    }

    /** A new random base32 secret (160 bits). */
    public String newSecret() {
        return secrets.generate();
    }

    /** The step a code typed now belongs to. */
    public long currentStep() {
        return clock.instant().getEpochSecond() / PERIOD_SECONDS;
    }

    /** The code of one time step. */
    public String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute TOTP code", e);
        }
    }

    /**
     * The step whose code equals {@code code}, within the allowed drift; empty when none does.
     * Comparison is constant-time.
     */
    public OptionalLong matchingStep(String secret, String code) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        byte[] offered = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            byte[] expected = codeAt(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, offered)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The {@code otpauth://} URI authenticator apps read from the QR code. */
    public String provisioningUri(String login, String secret) {
        return qrData(login, secret).getUri();
    }

    /** The QR code of {@link #provisioningUri} as a PNG data URI for an img tag. */
    public String qrCodeDataUri(String login, String secret) {
        try {
            ZxingPngQrGenerator png = new ZxingPngQrGenerator();
            png.setImageSize(240);
            return "data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png.generate(qrData(login, secret)));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("cannot draw QR code", e);
        }
    }

    private QrData qrData(String login, String secret) {
        return new QrData.Builder()
                .label(login)
                .secret(secret)
                .issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS)
                .period(PERIOD_SECONDS)
                .build();
    }
}
