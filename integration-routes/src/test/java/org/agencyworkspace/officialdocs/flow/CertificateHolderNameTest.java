package org.agencyworkspace.officialdocs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Whose an imported certificate is: the common name of its subject, read as a name, not a substring. */
class CertificateHolderNameTest {

    @Test
    void theCommonNameIsReadFromTheSubjectWhateverElseItHolds() throws Exception {
        assertThat(CertificateChecks.commonName(certificate("CN=陳小明,OU=資訊處,O=數位發展部,C=TW")))
                .contains("陳小明");
        assertThat(CertificateChecks.commonName(certificate("SERIALNUMBER=A123,CN=Chen\\, Ming,C=TW")))
                .contains("Chen, Ming");
        assertThat(CertificateChecks.commonName(certificate("OU=No Name,O=Agency,C=TW"))).isEmpty();
    }

    private static X509Certificate certificate(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
