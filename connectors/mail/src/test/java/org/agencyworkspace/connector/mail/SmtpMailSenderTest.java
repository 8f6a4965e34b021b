package org.agencyworkspace.connector.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.TransientConnectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SMTP sender against GreenMail, a real SMTP server, started in this JVM on a free port. */
class SmtpMailSenderTest {

    private static TestPki pki;

    private GreenMail server;

    @BeforeAll
    static void serverCertificate() throws Exception {
        // GreenMail's own TLS certificate names no host; give it one for 127.0.0.1 from a test CA,
        // so the sender's host name check stays on.
        pki = new TestPki("Mail test CA");
        Path store = Files.createTempFile("greenmail-tls", ".p12");
        pki.tlsServer().writePkcs12(store, "greenmail", "changeit".toCharArray());
        System.setProperty("greenmail.tls.keystore.file", store.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private GreenMail start(String protocol, GreenMailConfiguration configuration) {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort())
                .withConfiguration(configuration);
        server.start();
        return server;
    }

    private int smtpPort() {
        return server.getSmtp() != null ? server.getSmtp().getPort() : server.getSmtps().getPort();
    }

    private SmtpMailSenderBuilder sender(MailSecurity security) {
        return new SmtpMailSenderBuilder().host("127.0.0.1").port(smtpPort()).security(security)
                .from("workspace@agency.example", "公務工作區");
    }

    private static MailMessage message(String id, String... to) {
        return new MailMessage(id, List.of(to), "待辦：請核准出差申請",
                "您有一件待核准的申請。\nA request awaits your approval.\n");
    }

    @Test
    void aMailArrivesWithItsSubjectBodySenderAndTheStableMessageId() throws Exception {
        start("smtp", GreenMailConfiguration.aConfig());
        SmtpMailSender sender = sender(MailSecurity.NONE).build();

        sender.send(message("approval-42.step-1", "amy@agency.example", "bob@agency.example"));
        sender.send(message("approval-42.step-1", "amy@agency.example"));

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(3);
        MimeMessage first = received[0];
        assertThat(first.getSubject()).isEqualTo("待辦：請核准出差申請");
        assertThat(GreenMailUtil.getBody(first)).isNotEmpty();
        assertThat(((String) first.getContent()).replace("\r\n", "\n"))
                .isEqualTo("您有一件待核准的申請。\nA request awaits your approval.\n");
        assertThat(first.getContentType()).containsIgnoringCase("charset=UTF-8");
        InternetAddress from = (InternetAddress) first.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("workspace@agency.example");
        assertThat(from.getPersonal()).isEqualTo("公務工作區");
        assertThat(first.getMessageID()).isEqualTo("<approval-42.step-1@agency.example>");
        // The resend carries the same Message-ID, so it can be recognised as the same mail.
        assertThat(received[2].getMessageID()).isEqualTo(first.getMessageID());
        assertThat(server.findReceivedMessages(user -> user.getEmail().equals("bob@agency.example"),
                mail -> true)).hasSize(1);
    }

    @Test
    void theSenderAuthenticatesAndWrongCredentialsArePermanent() {
        start("smtp", GreenMailConfiguration.aConfig().withUser("workspace@agency.example", "workspace", "s3cret"));

        sender(MailSecurity.NONE).credentials("workspace", "s3cret").build()
                .send(message("auth-ok", "amy@agency.example"));
        assertThat(server.getReceivedMessages()).hasSize(1);

        SmtpMailSender wrong = sender(MailSecurity.NONE).credentials("workspace", "wrong").build();
        assertThatThrownBy(() -> wrong.send(message("auth-bad", "amy@agency.example")))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("wrong");
        assertThat(wrong.probe().up()).isFalse();
        assertThat(server.getReceivedMessages()).hasSize(1);
    }

    @Test
    void implicitTlsSendsWhenTheServerCertificateIsTrustedAndRefusesWhenItIsNot() throws Exception {
        start("smtps", GreenMailConfiguration.aConfig());

        sender(MailSecurity.TLS).trustStore(pki.trustStore()).build()
                .send(message("tls-ok", "amy@agency.example"));
        assertThat(server.getReceivedMessages()).hasSize(1);

        KeyStore strangers = new TestPki("Some other CA").trustStore();
        SmtpMailSender untrusting = sender(MailSecurity.TLS).trustStore(strangers).build();
        assertThatThrownBy(() -> untrusting.send(message("tls-untrusted", "amy@agency.example")))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("certificate");
        assertThat(server.getReceivedMessages()).hasSize(1);
    }

    @Test
    void starttlsIsRequiredSoAServerWithoutItIsNeverSentToInTheClear() {
        // GreenMail's SMTP offers no STARTTLS: exactly the server a downgrade attack would show.
        start("smtp", GreenMailConfiguration.aConfig());
        SmtpMailSender sender = sender(MailSecurity.STARTTLS).build();

        assertThatThrownBy(() -> sender.send(message("starttls", "amy@agency.example")))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsTransientAndTheProbeSaysDown() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        SmtpMailSender sender = new SmtpMailSenderBuilder().host("127.0.0.1").port(closed)
                .security(MailSecurity.NONE).from("workspace@agency.example", null).build();

        assertThatThrownBy(() -> sender.send(message("unreachable", "amy@agency.example")))
                .isInstanceOf(TransientConnectorException.class);
        ProbeResult probe = sender.probe();
        assertThat(probe.up()).isFalse();
        assertThat(probe.detail()).contains("could not be reached");
    }

    @Test
    void theProbeSaysUpWithoutSendingAnything() {
        start("smtp", GreenMailConfiguration.aConfig());
        ProbeResult probe = sender(MailSecurity.NONE).build().probe();
        assertThat(probe.up()).as(probe.detail()).isTrue();
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void aDeferredRecipientIsTransientAndARefusedOneIsTheCallersWithNothingSent() throws Exception {
        try (RefusingSmtpServer busy = new RefusingSmtpServer("220 refusing.test", "450 4.2.1 mailbox busy")) {
            SmtpMailSender sender = new SmtpMailSenderBuilder().host("127.0.0.1").port(busy.port())
                    .security(MailSecurity.NONE).from("workspace@agency.example", null).build();
            assertThatThrownBy(() -> sender.send(message("busy", "amy@agency.example")))
                    .isInstanceOfSatisfying(TransientConnectorException.class,
                            e -> assertThat(e.status()).isEqualTo(450));
            assertThat(busy.dataCommands()).isZero();
        }
        try (RefusingSmtpServer unknown = new RefusingSmtpServer("220 refusing.test", "550 5.1.1 no such user")) {
            SmtpMailSender sender = new SmtpMailSenderBuilder().host("127.0.0.1").port(unknown.port())
                    .security(MailSecurity.NONE).from("workspace@agency.example", null).build();
            assertThatThrownBy(() -> sender.send(message("unknown", "nobody@agency.example")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("550");
            assertThat(unknown.dataCommands()).isZero();
        }
        try (RefusingSmtpServer overloaded = new RefusingSmtpServer("421 4.3.2 try later", "250 OK")) {
            SmtpMailSender sender = new SmtpMailSenderBuilder().host("127.0.0.1").port(overloaded.port())
                    .security(MailSecurity.NONE).from("workspace@agency.example", null).build();
            assertThatThrownBy(() -> sender.send(message("overloaded", "amy@agency.example")))
                    .isInstanceOf(TransientConnectorException.class);
        }
    }

    @Test
    void invalidAddressesAndAMultiLineSubjectAreRefusedBeforeAnythingIsSent() {
        start("smtp", GreenMailConfiguration.aConfig());
        SmtpMailSender sender = sender(MailSecurity.NONE).build();

        for (String bad : List.of("", "amy", "amy@", "@agency.example", "Amy <amy@agency.example>",
                "amy@agency.example, eve@evil.example", "amy@agency.example\r\nBcc: eve@evil.example",
                "undisclosed:;")) {
            assertThatThrownBy(() -> sender.send(message("bad", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> sender.send(new MailMessage("bad", List.of(), "s", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.send(new MailMessage("inject", List.of("amy@agency.example"),
                "hello\r\nBcc: eve@evil.example", "b"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void settingsAreCheckedWhenTheSenderIsBuilt() {
        assertThatThrownBy(() -> new SmtpMailSenderBuilder().port(25).from("a@b.example", null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> new SmtpMailSenderBuilder().host("h").port(0).from("a@b.example", null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new SmtpMailSenderBuilder().host("h").port(25).from("not an address", null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> new SmtpMailSenderBuilder().host("h").port(25).from("a@b.example", null)
                .credentials("user", null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("together");
    }
}
