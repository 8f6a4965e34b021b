package org.agencyworkspace.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.mail.MailSecurity;
import org.agencyworkspace.connector.mail.MailSender;
import org.agencyworkspace.connector.mail.SmtpMailSenderBuilder;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guest mail through the real SMTP sender to GreenMail (a real SMTP server in this JVM): the
 * invitations arrive, their one-time link works once; a mail server that is down only delays
 * them; the last attempt dead-letters and tells the officer.
 */
class GuestMailTest {

    static final Pattern LINK = Pattern.compile("https://workspace\\.test/guest/invitation/([A-Za-z0-9_-]{43})");

    final ReviewsFixture fixture;
    final GreenMail server;

    GuestMailTest(@TempDir Path folder) {
        fixture = new ReviewsFixture(folder);
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void invitationsArriveInEachGuestsLanguageAndTheirLinkWorksOnce() throws Exception {
        Review review = openReview();
        GuestMail mail = guestMail(sender(server.getSmtp().getPort()));

        List<String> due = mail.due(10);
        assertThat(due).hasSize(3);
        due.forEach(mail::send);
        due.forEach(mail::send); // sent already: nothing more goes out

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(3);
        MimeMessage wang = single(received, "prof.wang@university.test");
        assertThat(wang.getSubject()).isEqualTo("邀請函：CASE-9 評選委員會");
        String body = (String) wang.getContent();
        assertThat(body).contains("王教授 您好", "資訊系統委外開發 evaluation", "https://workspace.test/guest/login");
        MimeMessage lee = single(received, "dr.lee@institute.test");
        assertThat(lee.getSubject()).isEqualTo("Invitation: review committee CASE-9");

        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(fixture.guests.redeem(link.group(1), "198.51.100.7", "mail client").reviewId()).isEqualTo(review.id());
        assertThatThrownBy(() -> fixture.guests.redeem(link.group(1), "198.51.100.7", "mail client"))
                .isInstanceOf(ReviewException.class);
        assertThat(fixture.events.of(ReviewEvents.GuestMailed.class)).hasSize(3);
        assertThat(fixture.database.jdbc().sql("SELECT COUNT(*) FROM review_invitation").query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void aMailServerOutageOnlyDelaysAndTheLastAttemptIsDeadLetteredAndTold() throws Exception {
        openReview();
        GuestMail down = guestMail(sender(closedPort()));
        String first = down.due(10).get(0);

        down.send(first);
        assertThat(down.find(first).orElseThrow()).satisfies(row -> {
            assertThat(row.status()).isEqualTo("PENDING");
            assertThat(row.attempts()).isEqualTo(1);
        });
        assertThat(down.due(10)).as("waits before the next attempt").doesNotContain(first);
        fixture.clock.advance(Duration.ofSeconds(31));
        assertThat(down.due(10)).contains(first);

        GuestMail up = guestMail(sender(server.getSmtp().getPort()));
        up.send(first);
        assertThat(server.getReceivedMessages()).hasSize(1);
        assertThat(up.find(first).orElseThrow().status()).isEqualTo("SENT");

        String second = down.due(10).get(0);
        down.send(second);
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> {
            down.send(second);
            down.send(second);
        }).isInstanceOf(RefusedException.class).hasMessageContaining("given up after 3 attempts");
        assertThat(down.find(second).orElseThrow().status()).isEqualTo("FAILED");
        assertThat(fixture.events.of(ReviewEvents.GuestMailFailed.class)).hasSize(1);
        MessageOutbox outbox = fixture.outbox;
        assertThat(outbox.pendingIds(50).stream().map(id -> outbox.find(id).orElseThrow().message().templateKey()))
                .contains("review.guest-failed");

        up.send(second); // replayed from the dead-letter store
        assertThat(server.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aSignInCodeIsMadeWhenSentAndWorksOnce() throws Exception {
        Review review = openReview();
        String guest = review.members().get(1).guestId();
        GuestMail mail = guestMail(sender(server.getSmtp().getPort()));
        mail.due(10).forEach(mail::send);
        fixture.guests.queueCode(guest, java.util.Locale.ENGLISH);
        assertThat(fixture.database.jdbc().sql("SELECT COUNT(*) FROM review_guest_code").query(Integer.class).single())
                .as("no code exists before the mail goes out").isZero();

        mail.due(10).forEach(mail::send);

        assertThat(server.getReceivedMessages()).hasSize(4);
        Pattern subject = Pattern.compile("Your sign-in code: (\\d{6})");
        Matcher code = null;
        for (MimeMessage message : server.getReceivedMessages()) {
            Matcher match = subject.matcher(message.getSubject());
            if (match.matches()) {
                code = match;
                assertThat(message.getAllRecipients()[0].toString()).isEqualTo("prof.wang@university.test");
            }
        }
        assertThat(code).as("the code mail arrived").isNotNull();
        assertThat(fixture.guests.checkCode(guest, code.group(1))).contains("email-code");
        assertThat(fixture.guests.checkCode(guest, code.group(1))).isEmpty();
    }

    Review openReview() {
        Review review = fixture.reviews.create(fixture.newReview("CASE-9", ScoringMethod.TOTAL_SCORE, null,
                ReviewsFixture.fiveMembers()), ReviewsFixture.ALICE);
        return fixture.reviews.open(review.id(), ReviewsFixture.ALICE);
    }

    GuestMail guestMail(MailSender sender) {
        return new GuestMail(fixture.database.jdbc(), fixture.guests, fixture.reviews, sender, fixture.texts,
                fixture.messenger, fixture.properties, fixture.workspace, fixture.audit, fixture.events, fixture.clock);
    }

    static MailSender sender(int port) {
        return new SmtpMailSenderBuilder().host("127.0.0.1").port(port).security(MailSecurity.NONE)
                .from("workspace@agency.example", "評選工作平台").build();
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static MimeMessage single(MimeMessage[] received, String to) throws Exception {
        for (MimeMessage message : received) {
            if (message.getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
                return message;
            }
        }
        throw new AssertionError("no mail to " + to);
    }
}
