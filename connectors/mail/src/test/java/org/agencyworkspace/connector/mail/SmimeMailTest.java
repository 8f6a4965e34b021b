package org.agencyworkspace.connector.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S/MIME through a real SMTP server (GreenMail in this JVM), checked by the real {@code openssl}
 * binary on the raw mail as received: the signature verifies against the agency CA, a tampered
 * body does not, and a mail to someone whose certificate is known decrypts with their key only.
 */
class SmimeMailTest {

    private static final String TEXT = "您有一件待核准的申請。\nA request awaits your approval.\n";

    @TempDir
    Path dir;

    private GreenMail server;
    private TestPki pki;
    private TestPki.Issued agency;
    private TestPki.Issued amy;
    private Path caFile;
    private Path p12;

    @BeforeEach
    void start() throws Exception {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig());
        server.start();
        pki = new TestPki("Agency CA");
        agency = pki.smime("workspace@agency.example");
        amy = pki.smime("amy@agency.example");
        caFile = writePem(dir.resolve("ca.pem"), pki.ca());
        p12 = agency.writePkcs12(dir.resolve("agency.p12"), "mail", "secret".toCharArray());
        Path certificates = Files.createDirectories(dir.resolve("recipients"));
        writePem(certificates.resolve("amy.pem"), amy.certificate());
        Files.writeString(certificates.resolve("garbage.pem"), "not a certificate");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SmtpMailSender sender() {
        SmimeProtection smime = SmimeProtection.fromPkcs12(p12, "secret".toCharArray(), null,
                new CertificateFolder(dir.resolve("recipients")));
        return new SmtpMailSenderBuilder().host("127.0.0.1").port(server.getSmtp().getPort())
                .security(MailSecurity.NONE).from("workspace@agency.example", "公務工作區")
                .smime(smime).build();
    }

    @Test
    void aSignedMailVerifiesWithOpensslAndATamperedOneDoesNot() throws Exception {
        sender().send(new MailMessage("signed-1", List.of("bob@agency.example"), "待核准", TEXT));

        Path raw = raw(server.getReceivedMessages()[0], "signed.eml");
        String wire = Files.readString(raw, StandardCharsets.ISO_8859_1);
        assertThat(wire).contains("multipart/signed", "application/pkcs7-signature");

        Openssl verified = openssl("smime", "-verify", "-in", raw.toString(), "-CAfile", caFile.toString());
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.err()).contains("Verification successful");
        assertThat(verified.out()).contains("A request awaits your approval.");

        Path tampered = dir.resolve("tampered.eml");
        Files.writeString(tampered, wire.replace("A request awaits", "A request ignores"),
                StandardCharsets.ISO_8859_1);
        Openssl refused = openssl("smime", "-verify", "-in", tampered.toString(), "-CAfile", caFile.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).doesNotContain("Verification successful");

        Path strangers = writePem(dir.resolve("other-ca.pem"), new TestPki("Other CA").ca());
        assertThat(openssl("smime", "-verify", "-in", raw.toString(), "-CAfile", strangers.toString()).exit())
                .isNotZero();
    }

    @Test
    void aMailToSomeoneWithAKnownCertificateIsEncryptedAndDecryptsToASignedMailWithTheirKeyOnly() throws Exception {
        sender().send(new MailMessage("sealed-1", List.of("amy@agency.example"), "待核准", TEXT));

        MimeMessage received = server.getReceivedMessages()[0];
        assertThat(received.getContentType()).contains("application/pkcs7-mime", "enveloped-data");
        assertThat(received.getMessageID()).isEqualTo("<sealed-1@agency.example>");
        Path raw = raw(received, "sealed.eml");
        assertThat(Files.readString(raw, StandardCharsets.ISO_8859_1)).doesNotContain("A request awaits");

        Path amyKey = writeKey(dir.resolve("amy-key.pem"), amy);
        Path amyCert = writePem(dir.resolve("amy-cert.pem"), amy.certificate());
        Openssl opened = openssl("smime", "-decrypt", "-in", raw.toString(), "-recip", amyCert.toString(),
                "-inkey", amyKey.toString(), "-out", dir.resolve("inner.eml").toString());
        assertThat(opened.exit()).as(opened.err()).isZero();
        Openssl verified = openssl("smime", "-verify", "-in", dir.resolve("inner.eml").toString(),
                "-CAfile", caFile.toString());
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("A request awaits your approval.");

        TestPki.Issued eve = pki.smime("eve@agency.example");
        Openssl wrongKey = openssl("smime", "-decrypt", "-in", raw.toString(),
                "-recip", writePem(dir.resolve("eve-cert.pem"), eve.certificate()).toString(),
                "-inkey", writeKey(dir.resolve("eve-key.pem"), eve).toString());
        assertThat(wrongKey.exit()).isNotZero();
    }

    @Test
    void aKeyStoreThatCannotBeUsedStopsTheSenderBeingBuilt() {
        assertThatThrownBy(() -> SmimeProtection.fromPkcs12(p12, "wrong".toCharArray(), null,
                RecipientCertificates.none())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> SmimeProtection.fromPkcs12(p12, "secret".toCharArray(), "nope",
                RecipientCertificates.none())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key nope");
        assertThatThrownBy(() -> new CertificateFolder(dir.resolve("missing")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    private Path raw(MimeMessage message, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static Path writePem(Path file, X509Certificate certificate) throws Exception {
        return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    private static Path writeKey(Path file, TestPki.Issued issued) throws IOException {
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(issued.key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private record Openssl(int exit, String out, String err) {
    }

    private Openssl openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(dir, "openssl", ".out");
        Path err = Files.createTempFile(dir, "openssl", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new Openssl(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
