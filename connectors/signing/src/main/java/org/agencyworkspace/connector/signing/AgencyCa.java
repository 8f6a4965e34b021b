package org.agencyworkspace.connector.signing;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The agency's own certification authority, so a new agency can sign the day it starts: it issues
 * a person's signing certificate with a fresh key, renews it, and publishes the CRL that lists the
 * revoked ones. The caller keeps the CA's key file and the list of revocations; this class holds no
 * state beyond the CA's key.
 */
public final class AgencyCa {

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final URI crlUrl;
    private final Clock clock;

    private AgencyCa(PrivateKey key, X509Certificate certificate, URI crlUrl, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.crlUrl = Objects.requireNonNull(crlUrl, "crlUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new CA with a self-signed RSA-3072 certificate.
     *
     * @param agency the agency's name, the CA's organisation
     * @param crlUrl where the CRL is published; every certificate names it so validators fetch it
     */
    public static AgencyCa create(String agency, Instant notAfter, URI crlUrl, Clock clock) {
        KeyPair pair = generate(3072);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "TW")
                .addRDN(BCStyle.O, agency).addRDN(BCStyle.CN, agency + " 憑證管理中心 (Agency CA)").build();
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minusSeconds(60)), Date.from(notAfter), name, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = toCertificate(builder.build(signer(pair.getPrivate())));
            return new AgencyCa(pair.getPrivate(), certificate, crlUrl, clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the agency CA: " + e.getMessage(), e);
        }
    }

    /**
     * The CA from its key file.
     *
     * @throws SigningRefusedException {@code WRONG_PASSPHRASE} or {@code UNUSABLE_KEY_FILE}
     */
    public static AgencyCa open(byte[] pkcs12, char[] passphrase, URI crlUrl, Clock clock) {
        UnlockedKey unlocked = Pkcs12.open(pkcs12, passphrase);
        X509Certificate certificate = unlocked.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new SigningRefusedException(SigningRefusedException.Reason.UNUSABLE_KEY_FILE,
                    "unusable key file: the certificate is not a CA certificate");
        }
        return new AgencyCa(unlocked.privateKey(), certificate, crlUrl, clock);
    }

    /** The CA's key file, for the caller to store; only {@code passphrase} opens it. */
    public byte[] toPkcs12(char[] passphrase) {
        return Pkcs12.write(key, List.of(certificate), passphrase);
    }

    /** The CA certificate: the trust anchor for the certificates it issues. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a signing certificate for {@code holder} with a fresh RSA-2048 key, valid from now.
     *
     * @param passphrase the holder's; the returned key file opens only with it
     */
    public IssuedCertificate issue(CertificateHolder holder, char[] passphrase, Instant notAfter) {
        return issue(holder, passphrase, clock.instant().minusSeconds(60), notAfter);
    }

    /**
     * Issues a signing certificate valid from {@code notBefore} to {@code notAfter}: a backdated
     * window exists for migrating certificates and for proving that expired ones are refused.
     */
    public IssuedCertificate issue(CertificateHolder holder, char[] passphrase, Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("a certificate must end after it begins");
        }
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "TW")
                .addRDN(BCStyle.O, organisation());
        if (!holder.unit().isBlank()) {
            subject.addRDN(BCStyle.OU, holder.unit());
        }
        if (!holder.title().isBlank()) {
            subject.addRDN(BCStyle.T, holder.title());
        }
        subject.addRDN(BCStyle.SERIALNUMBER, holder.staffId()).addRDN(BCStyle.CN, holder.name());
        return issue(subject.build(), passphrase, notBefore, notAfter);
    }

    /**
     * A new certificate with a new key for the holder of {@code current}, valid from now: the old one
     * stays valid until it expires or is revoked.
     *
     * @throws IllegalArgumentException when this CA did not issue {@code current}
     */
    public IssuedCertificate renew(X509Certificate current, char[] passphrase, Instant notAfter) {
        try {
            current.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("this CA did not issue the certificate to renew");
        }
        try {
            X500Name subject = new JcaX509CertificateHolder(current).getSubject();
            return issue(subject, passphrase, clock.instant().minusSeconds(60), notAfter);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The CRL listing {@code revoked}, valid until {@code nextUpdate}; DER bytes to publish at the
     * CRL URL. {@code number} must grow with each CRL the CA issues.
     */
    public byte[] crl(Collection<Revocation> revoked, BigInteger number, Instant nextUpdate) {
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revocation revocation : revoked) {
                builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), revocation.reason().code);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return builder.build(signer(key)).getEncoded();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue the CRL: " + e.getMessage(), e);
        }
    }

    private IssuedCertificate issue(X500Name subject, char[] passphrase, Instant notBefore, Instant notAfter) {
        KeyPair pair = generate(2048);
        BigInteger serial = serial();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new JcaX509CertificateHolder(certificate).getSubject(), serial, Date.from(notBefore),
                    Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate));
            GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                    crlUrl.toString()));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                    new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)}));
            X509Certificate issued = toCertificate(builder.build(signer(key)));
            return new IssuedCertificate(serial, issued,
                    Pkcs12.write(pair.getPrivate(), List.of(issued, certificate), passphrase));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }

    private String organisation() {
        try {
            return new JcaX509CertificateHolder(certificate).getSubject().getRDNs(BCStyle.O)[0].getFirst()
                    .getValue().toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
