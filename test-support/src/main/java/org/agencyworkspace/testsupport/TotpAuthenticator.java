package org.agencyworkspace.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A person's authenticator app for Keycloak sign-ins in tests. Keycloak refuses a code used
 * before, and accepts the codes of the previous, current and next 30-second step, so each
 * sign-in takes one of those three not used yet; three sign-ins never run out of them.
 */
public final class TotpAuthenticator {

    private final byte[] key;
    private final Set<String> used = new HashSet<>();

    /** @param rawSecret the secret as Keycloak holds it (its QR code carries these bytes in base32) */
    public TotpAuthenticator(String rawSecret) {
        this.key = rawSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String unusedCode() {
        long now = Totp.currentStep();
        for (long step : new long[] {now, now + 1, now - 1}) {
            String code = Totp.at(key, step);
            if (used.add(code)) {
                return code;
            }
        }
        throw new AssertionError("every code Keycloak accepts now was used already");
    }
}
