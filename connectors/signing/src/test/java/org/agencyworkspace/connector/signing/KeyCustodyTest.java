package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.agencyworkspace.connector.signing.SigningRefusedException.Reason;
import org.agencyworkspace.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCustodyTest {

    private static SigningFixture fixture;
    private static IssuedCertificate issued;

    @TempDir
    Path directory;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SigningFixture();
        issued = fixture.issue("黃保管", "科員");
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void theRightPassphraseUnlocksTheDepositedKey() {
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), Clock.systemUTC());
        custody.deposit("huang", issued);

        try (UnlockedKey key = custody.unlock("huang", SigningFixture.PASSPHRASE)) {
            assertThat(key.certificate()).isEqualTo(issued.certificate());
            assertThat(key.matchesCertificate()).isTrue();
        }
        assertThat(custody.certificate("huang")).contains(issued.certificate());
    }

    @Test
    void wrongPassphrasesLockTheKeyUntilTheLockoutEnds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), clock);
        custody.deposit("huang", issued);
        char[] wrong = "guess".toCharArray();

        assertThatThrownBy(() -> custody.unlock("huang", wrong)).isInstanceOfSatisfying(SigningRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE)).hasMessageContaining("2 more");
        assertThatThrownBy(() -> custody.unlock("huang", wrong)).hasMessageContaining("1 more");
        assertThatThrownBy(() -> custody.unlock("huang", wrong)).isInstanceOfSatisfying(SigningRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED_OUT));
        // locked: even the right passphrase is refused until the lockout ends
        assertThatThrownBy(() -> custody.unlock("huang", SigningFixture.PASSPHRASE))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED_OUT));

        clock.advance(Duration.ofMinutes(16));
        try (UnlockedKey key = custody.unlock("huang", SigningFixture.PASSPHRASE)) {
            assertThat(key.certificate()).isEqualTo(issued.certificate());
        }
    }

    @Test
    void theLockoutSurvivesARestartBecauseItIsStored() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));
        KeyCustody first = fixture.custody(directory, 1, Duration.ofMinutes(5), clock);
        first.deposit("huang", issued);
        assertThatThrownBy(() -> first.unlock("huang", "guess".toCharArray()))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED_OUT));

        KeyCustody restarted = fixture.custody(directory, 1, Duration.ofMinutes(5), clock);
        assertThatThrownBy(() -> restarted.unlock("huang", SigningFixture.PASSPHRASE))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED_OUT));
    }

    @Test
    void noKeyIsStoredInTheClearAndTheStoreHoldsOnlyOwnerReadableFiles() throws Exception {
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), Clock.systemUTC());
        custody.deposit("huang", issued);
        byte[] privateKey;
        try (UnlockedKey key = custody.unlock("huang", SigningFixture.PASSPHRASE)) {
            privateKey = key.privateKey().getEncoded();
        }
        String marker = new String(java.util.Arrays.copyOfRange(privateKey, privateKey.length - 32, privateKey.length),
                StandardCharsets.ISO_8859_1);

        byte[] stored = new DirectoryCustodyStore(directory).find("huang").orElseThrow().pkcs12();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(marker);
                assertThat(Files.getPosixFilePermissions(file))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
        }
    }

    @Test
    void anOwnKeyFileIsImportedWithItsChainAndRewrappedUnderTheSamePassphrase() throws Exception {
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), Clock.systemUTC());
        byte[] ownFile = legacyPkcs12(issued, "own-pass");

        custody.importOwn("huang", ownFile, "own-pass".toCharArray());

        try (UnlockedKey key = custody.unlock("huang", "own-pass".toCharArray())) {
            assertThat(key.chain()).containsExactly(issued.certificate(), fixture.ca.certificate());
        }
    }

    @Test
    void anImportWithTheWrongPassphraseOrAnUntrustedChainIsRefused() throws Exception {
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), Clock.systemUTC());
        byte[] ownFile = legacyPkcs12(issued, "own-pass");
        assertThatThrownBy(() -> custody.importOwn("huang", ownFile, "nope".toCharArray()))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));

        IssuedCertificate foreign = SigningFixture.issueFrom(SigningFixture.foreignCa("外部機關"), "外人");
        assertThatThrownBy(() -> custody.importOwn("huang", foreign.pkcs12(), SigningFixture.PASSPHRASE))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE));
        assertThat(custody.certificate("huang")).isEmpty();
        assertThatThrownBy(() -> custody.importOwn("huang", "junk".getBytes(StandardCharsets.US_ASCII), "p".toCharArray()))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNUSABLE_KEY_FILE));
    }

    @Test
    void aKeyFileTheHolderCheckDoesNotAcceptAsThePersonsIsNotKept() throws Exception {
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), Clock.systemUTC());
        byte[] ownFile = legacyPkcs12(issued, "own-pass");

        assertThatThrownBy(() -> custody.importOwn("chen", ownFile, "own-pass".toCharArray(),
                certificate -> certificate.getSubjectX500Principal().getName().contains("CN=陳")))
                .isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_THE_HOLDER));
        assertThat(custody.certificate("chen")).isEmpty();

        custody.importOwn("huang", ownFile, "own-pass".toCharArray(), certificate -> true);
        assertThat(custody.certificate("huang")).contains(issued.certificate());
    }

    @Test
    void unlockingForSomeoneWithoutACertificateSaysSo() {
        KeyCustody custody = fixture.custody(directory, 3, Duration.ofMinutes(15), Clock.systemUTC());
        assertThatThrownBy(() -> custody.unlock("nobody", SigningFixture.PASSPHRASE))
                .isInstanceOfSatisfying(SigningRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_CERTIFICATE));
    }

    /** A key file as another tool writes it: the JDK's default PKCS#12 protection, the chain included. */
    private static byte[] legacyPkcs12(IssuedCertificate certificate, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (UnlockedKey key = fixture.unlock(certificate)) {
            store.setKeyEntry("mine", key.privateKey(), password.toCharArray(),
                    List.of(key.certificate(), fixture.ca.certificate()).toArray(new Certificate[0]));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }
}
