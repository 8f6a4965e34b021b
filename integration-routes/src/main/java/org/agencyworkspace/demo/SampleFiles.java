package org.agencyworkspace.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Small sample documents the demo agency's folders are filled with, made here, never copied. */
final class SampleFiles {

    private SampleFiles() {
    }

    /** The file's bytes, by its name's extension: a one-page PDF, a DOCX or UTF-8 text. */
    static byte[] of(String name, List<String> lines) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return pdf(lines);
        }
        if (lower.endsWith(".docx")) {
            return docx(lines);
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One A4 page; the standard Helvetica has no Chinese, so the lines are in English. */
    private static byte[] pdf(List<String> lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.setLeading(18);
                text.newLineAtOffset(72, PDRectangle.A4.getHeight() - 120);
                for (String line : lines) {
                    text.showText(line);
                    text.newLine();
                }
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a sample PDF", e);
        }
    }

    private static byte[] docx(List<String> lines) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            lines.forEach(line -> document.createParagraph().createRun().setText(line));
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a sample DOCX", e);
        }
    }
}
