package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgencyCaTest {

    private static final URI CRL = URI.create("http://127.0.0.1:8080/signing/crl/agency.crl");
    private final AgencyCa ca = AgencyCa.create("測試機關", Instant.now().plus(Duration.ofDays(3650)), CRL, Clock.systemUTC());

    @Test
    void anIssuedCertificateNamesThePersonTheCrlAndOpensOnlyWithThePassphrase() {
        IssuedCertificate issued = ca.issue(new CertificateHolder("王小明", "科長", "秘書處", "A123"), "pass".toCharArray(),
                Instant.now().plus(Duration.ofDays(365)));

        String subject = issued.certificate().getSubjectX500Principal().getName();
        assertThat(subject).contains("CN=王小明", "OU=秘書處", "O=測試機關", "2.5.4.12=");
        assertThat(new String(issued.certificate().getExtensionValue("2.5.29.31"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains(CRL.toString());
        assertThat(issued.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(issued.certificate().getBasicConstraints()).isEqualTo(-1);
        try (UnlockedKey key = Pkcs12.open(issued.pkcs12(), "pass".toCharArray())) {
            assertThat(key.chain()).containsExactly(issued.certificate(), ca.certificate());
        }
        assertThatThrownBy(() -> Pkcs12.open(issued.pkcs12(), "wrong".toCharArray()))
                .isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningRefusedException.Reason.WRONG_PASSPHRASE));
    }

    @Test
    void aChinesePassphraseProtectsTheKeyFile() {
        char[] passphrase = "公文簽核 密語".toCharArray();
        IssuedCertificate issued = ca.issue(new CertificateHolder("王小明", "", "", "A1"), passphrase,
                Instant.now().plus(Duration.ofDays(1)));

        try (UnlockedKey key = Pkcs12.open(issued.pkcs12(), passphrase)) {
            assertThat(key.matchesCertificate()).isTrue();
        }
        assertThatThrownBy(() -> Pkcs12.open(issued.pkcs12(), "公文簽核密語".toCharArray()))
                .isInstanceOf(SigningRefusedException.class);
    }

    @Test
    void renewalGivesANewKeyAndSerialForTheSameSubject() {
        IssuedCertificate first = ca.issue(new CertificateHolder("王小明", "科長", "", "A1"), "p".toCharArray(),
                Instant.now().plus(Duration.ofDays(10)));
        IssuedCertificate renewed = ca.renew(first.certificate(), "p".toCharArray(), Instant.now().plus(Duration.ofDays(365)));

        assertThat(renewed.certificate().getSubjectX500Principal()).isEqualTo(first.certificate().getSubjectX500Principal());
        assertThat(renewed.serial()).isNotEqualTo(first.serial());
        assertThat(renewed.certificate().getPublicKey()).isNotEqualTo(first.certificate().getPublicKey());
        AgencyCa other = AgencyCa.create("他機關", Instant.now().plus(Duration.ofDays(10)), CRL, Clock.systemUTC());
        assertThatThrownBy(() -> other.renew(first.certificate(), "p".toCharArray(), Instant.now().plus(Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCrlListsRevokedSerialsAndIsSignedByTheCa() throws Exception {
        IssuedCertificate issued = ca.issue(new CertificateHolder("王小明", "", "", "A1"), "p".toCharArray(),
                Instant.now().plus(Duration.ofDays(10)));
        byte[] der = ca.crl(List.of(new Revocation(issued.serial(), Instant.now(), Revocation.Reason.KEY_COMPROMISE)),
                BigInteger.TEN, Instant.now().plus(Duration.ofDays(1)));

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.isRevoked(issued.certificate())).isTrue();
        assertThat(crl.getRevokedCertificates()).hasSize(1);
    }

    @Test
    void theCaKeyFileReopensAsTheSameCa() {
        byte[] stored = ca.toPkcs12("ca-pass".toCharArray());
        AgencyCa reopened = AgencyCa.open(stored, "ca-pass".toCharArray(), CRL, Clock.systemUTC());

        assertThat(reopened.certificate()).isEqualTo(ca.certificate());
        IssuedCertificate issued = reopened.issue(new CertificateHolder("王小明", "", "", "A1"), "p".toCharArray(),
                Instant.now().plus(Duration.ofDays(1)));
        assertThat(issued.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    }
}
