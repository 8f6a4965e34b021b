package org.agencyworkspace.connector.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded hostile input: ids, addresses and subjects from a random mix of the characters that
 * break mail headers. A message either is refused with IllegalArgumentException or is written as
 * MIME that parses back to the same recipients, subject and Message-ID.
 */
class MailInputFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_240_520L);
    private static final String ALPHABET = "aZ09.-_+@<>\"(),;:\\ \r\n\t\u0000\u00e9公\ud83d\ude00=?";
    private static final Pattern MSG_ID = Pattern.compile("<[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*@agency\\.example>");

    private final SmtpMailSender sender = new SmtpMailSenderBuilder().host("127.0.0.1").port(25)
            .security(MailSecurity.NONE).from("workspace@agency.example", null).build();

    @Test
    void composedMessagesAreRefusedCleanlyOrParseBackUnchanged() throws Exception {
        Random random = new Random(SEED);
        int written = 0;
        for (int i = 0; i < 3000; i++) {
            String id = random.nextInt(3) == 0 ? "n-" + i : noise(random);
            String address = random.nextInt(3) == 0 ? "p" + i + "@agency.example" : noise(random);
            String subject = random.nextBoolean() ? "公文 " + i + " =?x?= " : noise(random);
            if (id.isBlank()) {
                continue;
            }
            MimeMessage mime;
            try {
                mime = sender.compose(new MailMessage(id, List.of(address), subject,
                        random.nextBoolean() ? "本文\n" + i : noise(random)));
            } catch (IllegalArgumentException refused) {
                continue;
            } catch (RuntimeException other) {
                throw new AssertionError("seed " + SEED + ", case " + i + ": " + other, other);
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            mime.writeTo(wire);
            MimeMessage back = new MimeMessage(null, new ByteArrayInputStream(wire.toByteArray()));
            assertThat(back.getMessageID()).as("seed %d case %d", SEED, i)
                    .matches(MSG_ID).isEqualTo(MessageIds.header(id, "agency.example"));
            assertThat(back.getAllRecipients()).as("seed %d case %d", SEED, i).hasSize(1);
            assertThat(back.getAllRecipients()[0].toString()).isEqualTo(address.strip());
            assertThat(back.getSubject()).as("seed %d case %d: %s", SEED, i, escaped(subject))
                    .isEqualTo(subject.strip());
            written++;
        }
        assertThat(written).as("seed %d: some cases must get through", SEED).isGreaterThan(300);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                : String.format("\\u%04x", c)));
        return out.toString();
    }

    private static String noise(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
