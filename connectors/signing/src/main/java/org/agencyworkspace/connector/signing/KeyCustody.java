package org.agencyworkspace.connector.signing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agencyworkspace.connector.signing.CustodyStore.Custody;
import org.agencyworkspace.connector.signing.SigningRefusedException.Reason;

/**
 * People's signing keys held by the workspace: each an encrypted PKCS#12 that only its holder's
 * passphrase opens, at the moment of signing. Wrong passphrases count toward a lockout, so a stolen
 * session cannot guess its way to a signature.
 */
public final class KeyCustody {

    private final CustodyStore store;
    private final LockoutPolicy lockout;
    private final CertificateChecks checks;
    private final Clock clock;

    /**
     * @param checks the trust anchors an imported certificate must chain to
     */
    public KeyCustody(CustodyStore store, LockoutPolicy lockout, CertificateChecks checks, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes a key file the agency CA issued (already encrypted under the person's passphrase). */
    public synchronized void deposit(String person, IssuedCertificate issued) {
        store.save(new Custody(person, issued.pkcs12(), encoded(issued.certificate()), 0, null));
    }

    /**
     * Takes a person's own key file (for example one issued under the government CA hierarchy): it
     * must open with their passphrase, hold one key with its chain, and chain to a trust anchor. It
     * is re-encrypted in memory under the same passphrase with this workspace's strong protection.
     *
     * @throws SigningRefusedException {@code WRONG_PASSPHRASE}, {@code UNUSABLE_KEY_FILE},
     *     {@code UNTRUSTED_CERTIFICATE}, {@code CERTIFICATE_EXPIRED}, ...
     */
    public synchronized X509Certificate importOwn(String person, byte[] pkcs12, char[] passphrase) {
        return importOwn(person, pkcs12, passphrase, certificate -> true);
    }

    /**
     * As {@link #importOwn(String, byte[], char[])}, and only when {@code holder} accepts the
     * certificate as the person's own (their name in it): nothing is kept otherwise.
     *
     * @throws SigningRefusedException {@code NOT_THE_HOLDER} when {@code holder} refuses it
     */
    public synchronized X509Certificate importOwn(String person, byte[] pkcs12, char[] passphrase,
            java.util.function.Predicate<X509Certificate> holder) {
        try (UnlockedKey key = Pkcs12.open(pkcs12, passphrase)) {
            checks.requireTrustedAndCurrent(key.chain());
            if (!holder.test(key.certificate())) {
                throw new SigningRefusedException(Reason.NOT_THE_HOLDER, "the certificate ("
                        + key.certificate().getSubjectX500Principal().getName() + ") is not " + person + "'s");
            }
            byte[] rewrapped = Pkcs12.write(key.privateKey(), key.chain(), passphrase);
            store.save(new Custody(person, rewrapped, encoded(key.certificate()), 0, null));
            return key.certificate();
        }
    }

    /** The person's certificate, readable without their passphrase. */
    public Optional<X509Certificate> certificate(String person) {
        return store.find(person).map(custody -> decoded(custody.certificate()));
    }

    /**
     * Opens the person's key for one signing request; the caller closes it.
     *
     * @throws SigningRefusedException {@code NO_CERTIFICATE}, {@code LOCKED_OUT} (also when this
     *     wrong passphrase used up the attempts) or {@code WRONG_PASSPHRASE} with the attempts left
     */
    public synchronized UnlockedKey unlock(String person, char[] passphrase) {
        Custody custody = store.find(person).orElseThrow(() -> new SigningRefusedException(Reason.NO_CERTIFICATE,
                "no signing certificate is held for " + person));
        Instant now = clock.instant();
        if (custody.lockedUntil() != null && now.isBefore(custody.lockedUntil())) {
            throw lockedOut(custody.lockedUntil());
        }
        try {
            UnlockedKey key = Pkcs12.open(custody.pkcs12(), passphrase);
            if (custody.failedAttempts() > 0 || custody.lockedUntil() != null) {
                store.save(custody.withAttempts(0, null));
            }
            return key;
        } catch (SigningRefusedException e) {
            if (e.reason() != Reason.WRONG_PASSPHRASE) {
                throw e;
            }
            int failed = custody.failedAttempts() + 1;
            if (failed >= lockout.attempts()) {
                Instant until = now.plus(lockout.duration());
                store.save(custody.withAttempts(0, until));
                throw lockedOut(until);
            }
            store.save(custody.withAttempts(failed, null));
            throw new SigningRefusedException(Reason.WRONG_PASSPHRASE, "wrong passphrase; "
                    + (lockout.attempts() - failed) + " more wrong attempt(s) lock signing for "
                    + lockout.duration().toMinutes() + " minutes");
        }
    }

    private static SigningRefusedException lockedOut(Instant until) {
        return new SigningRefusedException(Reason.LOCKED_OUT,
                "too many wrong passphrases: signing is locked until " + until);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate decoded(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable certificate in custody", e);
        }
    }
}
