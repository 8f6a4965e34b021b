package org.agencyworkspace.officialdocs.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.officialdocs.AgencyAuthority;

/**
 * The agency's exchange key (its 機關憑證 for exchange): what every dispatched package and every
 * acknowledgement is signed with. Held like a person's key, encrypted under its passphrase in
 * {@code <data-dir>/signing/exchange/}, and opened for one signature at a time.
 */
class ExchangeSeal {

    static final String HOLDER = "exchange-seal";

    private final KeyCustody custody;
    private final char[] passphrase;

    private ExchangeSeal(KeyCustody custody, char[] passphrase) {
        this.custody = custody;
        this.passphrase = passphrase;
    }

    /**
     * Opens the custody, depositing the key on first start: the configured key file, or else one
     * the agency CA issues with the agency as its organisation.
     */
    static ExchangeSeal openOrCreate(Path dataDir, ExchangeProperties properties, CertificateChecks checks,
            java.util.Optional<AgencyAuthority> authority, String agency, Clock clock) {
        Path folder = dataDir.resolve("signing").resolve("exchange");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        KeyCustody custody = new KeyCustody(new DirectoryCustodyStore(folder), new LockoutPolicy(5, Duration.ofMinutes(15)),
                checks, clock);
        char[] passphrase = properties.sealPassphrase().toCharArray();
        if (custody.certificate(HOLDER).isEmpty()) {
            if (properties.sealKeyFile() != null) {
                try {
                    custody.importOwn(HOLDER, Files.readAllBytes(properties.sealKeyFile()), passphrase);
                } catch (IOException e) {
                    throw new UncheckedIOException("workspace.exchange.seal-key-file: cannot read " + properties.sealKeyFile(), e);
                }
            } else {
                AgencyAuthority ca = authority.orElseThrow(() -> new IllegalStateException("workspace.exchange needs "
                        + "seal-key-file, or the agency CA (workspace.signing.ca-passphrase) to issue the exchange key"));
                custody.deposit(HOLDER, ca.ca().issue(new CertificateHolder(agency + " 公文交換", "", "", properties.code()),
                        passphrase, clock.instant().plus(Duration.ofDays(730))));
            }
        }
        return new ExchangeSeal(custody, passphrase);
    }

    /** The key for one signature; the caller closes it. */
    UnlockedKey unlock() {
        return custody.unlock(HOLDER, passphrase);
    }

    X509Certificate certificate() {
        return custody.certificate(HOLDER).orElseThrow();
    }
}
