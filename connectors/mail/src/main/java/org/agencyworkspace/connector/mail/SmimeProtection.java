package org.agencyworkspace.connector.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEException;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * S/MIME (RFC 8551) for outgoing mail: every mail is signed with the agency's certificate
 * (detached {@code multipart/signed}, SHA-256 with RSA, the certificate chain included), then
 * encrypted (AES-256-CBC {@code enveloped-data}) when every recipient's certificate is known; a
 * mail to someone without a known certificate goes signed only. The agency's own certificate is
 * a recipient of each encrypted mail too, so a copy it keeps stays readable to the agency.
 */
public final class SmimeProtection {

    private final PrivateKey signingKey;
    private final List<X509Certificate> chain;
    private final RecipientCertificates recipients;

    public SmimeProtection(PrivateKey signingKey, List<X509Certificate> chain,
            RecipientCertificates recipients) {
        if (signingKey == null || chain == null || chain.isEmpty()) {
            throw new IllegalStateException("S/MIME needs a signing key and its certificate");
        }
        this.signingKey = signingKey;
        this.chain = List.copyOf(chain);
        this.recipients = recipients == null ? RecipientCertificates.none() : recipients;
    }

    /**
     * The signing key and chain from a PKCS#12 file, under {@code alias} or its only key entry.
     *
     * @throws IllegalStateException when the file, the password or the alias is wrong
     */
    public static SmimeProtection fromPkcs12(Path file, char[] password, String alias,
            RecipientCertificates recipients) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String entry = alias;
            if (entry == null || entry.isBlank()) {
                List<String> keys = Collections.list(store.aliases()).stream()
                        .filter(name -> isKey(store, name)).toList();
                if (keys.size() != 1) {
                    throw new IllegalStateException("S/MIME key store holds " + keys.size()
                            + " keys: name one with its alias");
                }
                entry = keys.get(0);
            }
            if (!store.isKeyEntry(entry)) {
                throw new IllegalStateException("S/MIME key store has no key " + entry);
            }
            PrivateKey key = (PrivateKey) store.getKey(entry, password);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(entry)) {
                chain.add((X509Certificate) certificate);
            }
            return new SmimeProtection(key, chain, recipients);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("S/MIME key store cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The agency's signing certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Whether a mail to all of {@code to} would be encrypted. */
    public boolean encryptsTo(List<InternetAddress> to) {
        return !to.isEmpty() && to.stream().allMatch(address -> recipients.find(address.getAddress()).isPresent());
    }

    /** Sets {@code message}'s content to {@code content}, signed, and encrypted when it can be. */
    void protect(MimeMessage message, MimeBodyPart content, List<InternetAddress> to) {
        try {
            MimeMultipart signed = signer().generate(content);
            List<X509Certificate> encryptTo = new ArrayList<>();
            for (InternetAddress address : to) {
                Optional<X509Certificate> certificate = recipients.find(address.getAddress());
                if (certificate.isEmpty()) {
                    message.setContent(signed, signed.getContentType());
                    return;
                }
                encryptTo.add(certificate.get());
            }
            encryptTo.add(certificate());
            MimeBodyPart signedPart = new MimeBodyPart();
            signedPart.setContent(signed, signed.getContentType());
            SMIMEEnvelopedGenerator envelope = new SMIMEEnvelopedGenerator();
            for (X509Certificate certificate : encryptTo) {
                envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(certificate));
            }
            MimeBodyPart encrypted = envelope.generate(signedPart,
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
            message.setDataHandler(encrypted.getDataHandler());
            message.setHeader("Content-Type", encrypted.getContentType());
            message.setHeader("Content-Disposition", "attachment; filename=\"smime.p7m\"");
            message.setHeader("Content-Transfer-Encoding", "base64");
        } catch (MessagingException | SMIMEException | CMSException | GeneralSecurityException
                | OperatorCreationException e) {
            // Fail closed: a mail that cannot be protected is not sent unprotected.
            throw new PermanentConnectorException(SmtpMailSender.CONNECTOR, "S/MIME protection failed",
                    0, null, e.getMessage(), e);
        }
    }

    private SMIMESignedGenerator signer() throws OperatorCreationException,
            GeneralSecurityException {
        SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
        capabilities.addCapability(SMIMECapability.aES256_CBC);
        capabilities.addCapability(SMIMECapability.aES128_CBC);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new SMIMECapabilitiesAttribute(capabilities));
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .setSignedAttributeGenerator(new AttributeTable(attributes))
                .build("SHA256withRSA", signingKey, certificate()));
        generator.addCertificates(new JcaCertStore(chain));
        return generator;
    }
}
