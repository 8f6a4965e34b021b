package org.agencyworkspace.officialdocs.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.documents.TextPdf;

/**
 * Lays a document out from its template as the 文書處理手冊 orders the fields of a 簽 or 函: the
 * kind, 密等 and 速別 at the top, 發文日期 and 文號, 受文者 for a letter, 主旨, 說明 (the body), 附件.
 * The approval signatures are added later, each below the text on the last page.
 */
final class DocumentRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final CjkFont font;
    private final TextPdf writer;
    private final ZoneId zone;

    DocumentRenderer(CjkFont font, ZoneId zone) {
        this.font = font;
        this.writer = TextPdf.withFont(font.file(), font.face());
        this.zone = zone;
    }

    /**
     * The first character of {@code texts} the font cannot print (as {@code 'x' U+XXXX}), so a
     * draft is refused with its reason instead of failing half-way through rendering.
     */
    Optional<String> undrawable(String... texts) {
        try (CjkFont.Opened opened = font.open()) {
            for (String text : texts) {
                if (text == null) {
                    continue;
                }
                for (int codePoint : text.codePoints().toArray()) {
                    if (!Character.isISOControl(codePoint) && !opened.covers(codePoint)) {
                        return Optional.of(String.format("'%s' U+%04X", new String(Character.toChars(codePoint)),
                                codePoint));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document font", e);
        }
    }

    /** What goes on the page. */
    record Content(DocumentKind kind, String number, String levelName, Urgency urgency, String subject,
            String body, String recipients, String drafterName, String department, List<String> attachmentNames,
            Instant date) {
    }

    byte[] render(Content content) {
        List<String> lines = new ArrayList<>();
        lines.add("# " + content.kind().nameZh() + (content.kind() == DocumentKind.SIGN ? " (memo)" : " (letter)"));
        lines.add("密等 Classification: " + content.levelName());
        lines.add("速別 Urgency: " + content.urgency().nameZh());
        lines.add("文號 Number: " + content.number());
        lines.add("日期 Date: " + DATE.format(content.date().atZone(zone)));
        if (content.kind() == DocumentKind.LETTER) {
            lines.add("受文者 To: " + (content.recipients() == null ? "" : content.recipients()));
        }
        lines.add("承辦人 Drafted by: " + content.drafterName() + " (" + content.department() + ")");
        lines.add("");
        lines.add("# 主旨");
        lines.add(content.subject());
        lines.add("");
        lines.add("# 說明");
        content.body().lines().forEach(lines::add);
        if (!content.attachmentNames().isEmpty()) {
            lines.add("");
            lines.add("# 附件");
            for (int i = 0; i < content.attachmentNames().size(); i++) {
                lines.add((i + 1) + ". " + content.attachmentNames().get(i));
            }
        }
        Path file = null;
        try {
            file = Files.createTempFile("official-document", ".pdf");
            writer.write(content.kind().nameZh() + " " + content.number(), lines, file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the document", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file of the system's temporary folder; the system cleans it
                }
            }
        }
    }
}
