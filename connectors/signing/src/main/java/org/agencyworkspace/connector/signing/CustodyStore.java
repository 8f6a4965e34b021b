package org.agencyworkspace.connector.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link KeyCustody} keeps each person's key file and lockout state. The key file is the
 * passphrase-encrypted PKCS#12; a store never sees a key in the clear.
 */
public interface CustodyStore {

    Optional<Custody> find(String person);

    void save(Custody custody);

    /**
     * One person's key in custody.
     *
     * @param pkcs12 the encrypted key file; only the person's passphrase opens it
     * @param certificate the DER certificate, readable without the passphrase
     * @param failedAttempts wrong passphrases since the last success or lockout
     * @param lockedUntil when the current lockout ends; {@code null} when not locked
     */
    record Custody(String person, byte[] pkcs12, byte[] certificate, int failedAttempts, Instant lockedUntil) {

        public Custody {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(pkcs12, "pkcs12");
            Objects.requireNonNull(certificate, "certificate");
        }

        Custody withAttempts(int failed, Instant until) {
            return new Custody(person, pkcs12, certificate, failed, until);
        }
    }
}
