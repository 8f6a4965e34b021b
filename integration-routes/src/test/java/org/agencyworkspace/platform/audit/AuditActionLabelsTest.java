package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agencyworkspace.attendance.AttendanceRequest;
import org.agencyworkspace.files.delivery.DeliveryKind;
import org.agencyworkspace.platform.events.EventType;
import org.junit.jupiter.api.Test;

/**
 * Every audit action code the code emits has a name in English and in Chinese
 * ({@code audit.action.<code>} in messages), so the audit page and notices never show a raw code.
 * The codes are read from the sources: the literal first argument of each
 * {@code AuditEvent.of(...)}, both sides of a conditional there, and, in a class that passes the
 * action in a variable, its literals shaped like an action code of a known area (not an event
 * type or a notice template, which have names of their own). A code built by concatenation is
 * expanded below; a new concatenation fails this test until it is added.
 */
class AuditActionLabelsTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LITERAL = Pattern.compile("AuditEvent\\.of\\(\\s*\"([a-z][a-z0-9.-]*)\"\\s*[,)]");
    private static final Pattern CONDITIONAL = Pattern.compile(
            "AuditEvent\\.of\\([^;\"\\n]*\\?\\s*\"([a-z][a-z0-9.-]*)\"\\s*:\\s*\"([a-z][a-z0-9.-]*)\"");
    private static final Pattern CONCATENATED = Pattern.compile("AuditEvent\\.of\\(\\s*\"([a-z][a-z0-9.-]*)\"\\s*\\+");
    private static final Pattern CODE_SHAPED = Pattern.compile("\"([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)\"");
    private static final Pattern EVENT_TYPE = Pattern.compile("@EventType\\(name\\s*=\\s*\"([^\"]+)\"");

    /** Codes built by concatenation, by the literal they start with. */
    private static final Map<String, List<String>> CONCATENATIONS = Map.of(
            "attendance.", Stream.of(AttendanceRequest.Kind.values())
                    .map(kind -> kind.name().toLowerCase(Locale.ROOT))
                    .flatMap(kind -> Stream.of(kind + ".request", kind + ".approved", kind + ".rejected"))
                    .map(code -> "attendance." + code).toList(),
            "attendance.reminders.", List.of("attendance.reminders.on", "attendance.reminders.off"),
            "approval.", List.of("approval.approve", "approval.reject"));

    @Test
    void everyAuditActionTheCodeEmitsHasANameInBothLanguages() throws IOException {
        Set<String> codes = emittedCodes();
        assertThat(codes).contains("file.delete", "file.download", "approval.approve",
                "attendance.leave.request", "login.failure");
        for (String bundle : List.of("messages/messages.properties", "messages/messages_zh_TW.properties")) {
            Properties names = load(bundle);
            assertThat(codes.stream().filter(code -> names.getProperty("audit.action." + code) == null))
                    .as("audit action codes without a name in " + bundle)
                    .isEmpty();
        }
    }

    static Set<String> emittedCodes() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .map(AuditActionLabelsTest::read).toList();
        }
        Set<String> codes = new TreeSet<>();
        Set<String> events = new TreeSet<>();
        for (String source : sources) {
            codes.addAll(all(LITERAL, source, 1));
            codes.addAll(all(CONDITIONAL, source, 1));
            codes.addAll(all(CONDITIONAL, source, 2));
            events.addAll(all(EVENT_TYPE, source, 1));
            for (String prefix : all(CONCATENATED, source, 1)) {
                assertThat(CONCATENATIONS).as("audit codes built from \"" + prefix + "\" + ...: add"
                        + " their expansions to this test").containsKey(prefix);
                codes.addAll(CONCATENATIONS.get(prefix));
            }
        }
        for (DeliveryKind kind : DeliveryKind.values()) {
            // FileDelivery's action(kind).
            codes.add("file." + kind.name().toLowerCase(Locale.ROOT));
        }
        Set<String> areas = new TreeSet<>();
        codes.forEach(code -> areas.add(code.substring(0, code.indexOf('.'))));
        Set<String> templates = load("messages/notifications.properties").stringPropertyNames();
        for (String source : sources) {
            if (!source.contains("AuditEvent.of(")) {
                continue;
            }
            for (String candidate : all(CODE_SHAPED, source, 1)) {
                boolean template = templates.stream().anyMatch(key -> key.equals(candidate)
                        || key.startsWith(candidate + "."));
                if (areas.contains(candidate.substring(0, candidate.indexOf('.')))
                        && !events.contains(candidate) && !template) {
                    codes.add(candidate);
                }
            }
        }
        return codes;
    }

    private static Set<String> all(Pattern pattern, String source, int group) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = AuditActionLabelsTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
