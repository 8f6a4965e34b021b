package org.agencyworkspace.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.testsupport.BrowserSession;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The review ITs' mail server (a real GreenMail SMTP server on a free port) and what they read
 * from it: the invitation and code mails sent to guests.
 */
final class GuestMailbox {

    private final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    GuestMailbox() {
        mail.start();
    }

    /** Points the workspace's mail at this server; guest mail polled quickly. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("workspace.mail.host", () -> "127.0.0.1");
        registry.add("workspace.mail.port", () -> mail.getSmtp().getPort());
        registry.add("workspace.mail.security", () -> "none");
        registry.add("workspace.mail.from", () -> "workspace@agency.test");
        registry.add("workspace.reviews.mail.poll-interval", () -> "300ms");
    }

    void stop() {
        mail.stop();
    }

    /** The body of the {@code index}-th mail (0 = first) to {@code address}, waiting for it. */
    String body(String address, int index) throws Exception {
        return (String) message(address, index).getContent();
    }

    String subject(String address, int index) throws Exception {
        return message(address, index).getSubject();
    }

    MimeMessage message(String address, int index) {
        List<MimeMessage> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    found.add(message);
                }
            }
            return found.size() > index;
        });
        return found.get(index);
    }

    /** A JSON POST with the CSRF token of {@code page}, as the pages' scripts send it. */
    static HttpResponse<String> postJson(BrowserSession session, URI page, URI target, String json) {
        return session.sendWithCsrf(page, HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A one-page blank PDF, as a proposal. */
    static byte[] blankPdf() throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
