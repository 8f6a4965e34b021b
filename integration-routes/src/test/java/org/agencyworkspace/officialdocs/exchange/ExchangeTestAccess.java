package org.agencyworkspace.officialdocs.exchange;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgements;
import org.agencyworkspace.connector.signing.ExchangeMetadata;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.security.WorkspaceUser;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.context.ApplicationContext;

/** What exchange tests reach inside a running workspace, and the TLS certificates they give it. */
public final class ExchangeTestAccess {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private ExchangeTestAccess() {
    }

    /** A package signed with the workspace's exchange key, with whatever metadata a test wants. */
    public static byte[] pack(ApplicationContext workspace, ExchangeMetadata metadata, byte[] pdf,
            Map<String, byte[]> attachments) {
        ExchangeSetup setup = workspace.getBean(ExchangeSetup.class);
        try (UnlockedKey key = setup.seal().unlock()) {
            return setup.packager().pack(metadata, pdf, attachments, key);
        }
    }

    /** The package a dispatch left in the data folder. */
    public static byte[] dispatched(ApplicationContext workspace, String dispatchId) throws java.io.IOException {
        return Files.readAllBytes(workspace.getBean(ExchangeSetup.class).outgoing(dispatchId));
    }

    public static ExchangeAcknowledgements acknowledgements(ApplicationContext workspace) {
        return workspace.getBean(ExchangeSetup.class).acknowledgements();
    }

    public static List<ExchangeInbox.Incoming> incomingAs(ApplicationContext workspace, WorkspaceUser user) {
        return workspace.getBean(ExchangeDesk.class).incoming(user);
    }

    public static String dispatchFromFiles(ApplicationContext workspace, ExchangeDesk.DispatchRequest request,
            WorkspaceUser user) {
        return workspace.getBean(ExchangeDesk.class).dispatch(request, user);
    }

    /** A TLS certificate authority for tests: its certificate and key. */
    public record TlsCa(X509Certificate certificate, KeyPair keys) {

        public static TlsCa create() throws Exception {
            KeyPair keys = rsa();
            X500Name name = new X500Name("CN=Exchange TLS test CA,O=Test");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(2, ChronoUnit.DAYS)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            return new TlsCa(new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))), keys);
        }

        /** A PKCS#12 key store with a certificate for {@code organisation}, valid for 127.0.0.1 and localhost. */
        public Path issue(String organisation, Path file, String password) throws Exception {
            KeyPair pair = rsa();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=exchange,O=" + organisation), pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
                new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate issued = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("exchange", pair.getPrivate(), password.toCharArray(),
                    new java.security.cert.Certificate[] {issued, certificate});
            Files.createDirectories(file.getParent());
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        }

        public Path pem(Path file) throws Exception {
            return ExchangeTestAccess.pem(certificate, file);
        }
    }

    public static Path pem(X509Certificate certificate, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
