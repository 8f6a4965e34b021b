package org.agencyworkspace.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ICalendarCodecTest {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Instant STAMP = Instant.parse("2026-12-07T01:00:00Z");

    static Invitation invitation(int sequence, boolean cancelled) {
        return new Invitation("mtg-42@agency.example", sequence, cancelled, "週會 Weekly",
                LocalDateTime.of(2026, 12, 8, 10, 0).atZone(TAIPEI), Duration.ofMinutes(90),
                "第一會議室", "Join: https://meet.example/r", URI.create("https://meet.example/r"),
                new Invitation.Person("Alice 王", "alice@agency.example"),
                List.of(new Invitation.Person("Bob", "bob@agency.example"),
                        new Invitation.Person("陳 Carol", "carol@agency.example")));
    }

    @Test
    void aRequestCarriesTheTaipeiZoneItsVtimezoneOrganizerAttendeesAndSequence() {
        String text = ICalendarCodec.write(invitation(0, false), STAMP);

        assertThat(unfolded(text)).contains("METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Asia/Taipei",
                "DTSTART;TZID=Asia/Taipei:20261208T100000", "UID:mtg-42@agency.example",
                "SEQUENCE:0", "STATUS:CONFIRMED", "mailto:alice@agency.example",
                "mailto:bob@agency.example", "PARTSTAT=NEEDS-ACTION", "DTSTAMP:20261207T010000Z\r\n");
        assertThat(text.split("DTSTAMP", -1)).hasSize(2);
        assertThat(text.indexOf("BEGIN:VTIMEZONE")).isLessThan(text.indexOf("BEGIN:VEVENT"));
        assertThat(ICalendarCodec.read(text)).isEqualTo(invitation(0, false));
        assertThat(ICalendarCodec.method(text)).contains("REQUEST");
    }

    @Test
    void aCancellationIsMethodCancelWithStatusCancelledAndTheSameUid() {
        String text = ICalendarCodec.write(invitation(2, true), STAMP);

        assertThat(text).contains("METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:2",
                "UID:mtg-42@agency.example");
        assertThat(ICalendarCodec.read(text).cancelled()).isTrue();
    }

    @Test
    void textThatIsNotAnEventIsRefusedWithAFormatError() {
        assertThatThrownBy(() -> ICalendarCodec.read("hello")).isInstanceOf(CalendarFormatException.class);
        assertThatThrownBy(() -> ICalendarCodec.read("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"))
                .isInstanceOf(CalendarFormatException.class).hasMessageContaining("one VEVENT");
        assertThatThrownBy(() -> ICalendarCodec.read(ICalendarCodec.write(invitation(0, false), STAMP)
                .replace("ORGANIZER", "X-ORGANIZER"))).isInstanceOf(CalendarFormatException.class);
    }

    /**
     * Seeded fuzz: what a calendar server hands back may be damaged anywhere (truncated, a
     * line dropped or doubled, bytes flipped). Reading it either yields an invitation or a
     * {@link CalendarFormatException}; never another exception, never a hang.
     */
    @Test
    void damagedCalendarTextEitherReadsOrFailsWithAFormatErrorOnly() {
        String good = ICalendarCodec.write(invitation(3, false), STAMP);
        long seed = 20261207L;
        Random random = new Random(seed);
        int read = 0;
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            String damaged = damage(good, random);
            try {
                Invitation back = ICalendarCodec.read(damaged);
                assertThat(back.uid()).as("seed %d case %d", seed, i).isNotBlank();
                read++;
            } catch (CalendarFormatException expected) {
                refused++;
            } catch (RuntimeException other) {
                throw new AssertionError("seed " + seed + " case " + i + " threw " + other
                        + " for:\n" + damaged, other);
            }
        }
        assertThat(read).isPositive();
        assertThat(refused).isPositive();
    }

    private static String unfolded(String text) {
        return text.replace("\r\n ", "");
    }

    private static String damage(String text, Random random) {
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\r\n")));
        switch (random.nextInt(5)) {
            case 0 -> {
                return text.substring(0, random.nextInt(text.length()));
            }
            case 1 -> lines.remove(random.nextInt(lines.size()));
            case 2 -> {
                int at = random.nextInt(lines.size());
                lines.add(at, lines.get(at));
            }
            case 3 -> {
                char[] chars = text.toCharArray();
                for (int n = 0; n < 1 + random.nextInt(4); n++) {
                    chars[random.nextInt(chars.length)] = ":;=,\"\\\r\nX0é"
                            .charAt(random.nextInt(11));
                }
                return new String(chars);
            }
            default -> {
                int at = random.nextInt(lines.size());
                String line = lines.get(at);
                int colon = line.indexOf(':');
                lines.set(at, colon < 0 ? line : line.substring(0, colon + 1) + "garbage" + random.nextInt());
            }
        }
        return String.join("\r\n", lines) + "\r\n";
    }
}
