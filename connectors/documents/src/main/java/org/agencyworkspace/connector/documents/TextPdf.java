package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes plain text (Chinese and English) as an A4 PDF in the watermark font: records and
 * minutes that must read the same everywhere. Lines longer than the page are wrapped; a line
 * starting with {@code "# "} is a heading.
 */
public final class TextPdf {

    private static final float MARGIN = 50;
    private static final float SIZE = 10;
    private static final float HEADING = 14;
    private static final float LEADING = 1.45f;

    private final CjkFont font;

    private TextPdf(CjkFont font) {
        this.font = font;
    }

    /** With the first installed TrueType CJK font (the watermark's default). */
    public static TextPdf withInstalledFont() {
        return new TextPdf(CjkFont.firstInstalled());
    }

    /**
     * @param face in a {@code .ttc} collection, the face's PostScript name; null for the first
     */
    public static TextPdf withFont(Path file, String face) {
        return new TextPdf(new CjkFont(file, face));
    }

    /**
     * Writes {@code lines} to {@code pdf}, with {@code title} as the document's title.
     *
     * @throws DocumentRejectedException when the font has no glyph for a character
     */
    public void write(String title, List<String> lines, Path pdf) {
        try (CjkFont.Opened opened = font.open(); PDDocument document = new PDDocument()) {
            List<String> clean = lines.stream().map(line -> line.replaceAll("\\p{Cntrl}", " ")).toList();
            for (String line : clean) {
                opened.requireDrawable(line, "text");
            }
            PDType0Font type0 = PDType0Font.load(document, opened.font(), true);
            document.getDocumentInformation().setTitle(title);
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            PDPageContentStream content = null;
            float y = 0;
            try {
                for (String line : clean) {
                    boolean heading = line.startsWith("# ");
                    float size = heading ? HEADING : SIZE;
                    for (String piece : wrap(heading ? line.substring(2) : line, type0, size, width)) {
                        if (content == null || y - size * LEADING < MARGIN) {
                            if (content != null) {
                                content.close();
                            }
                            PDPage page = new PDPage(PDRectangle.A4);
                            document.addPage(page);
                            content = new PDPageContentStream(document, page);
                            y = PDRectangle.A4.getHeight() - MARGIN;
                        }
                        y -= size * LEADING;
                        content.beginText();
                        content.setFont(type0, size);
                        content.newLineAtOffset(MARGIN, y);
                        content.showText(piece);
                        content.endText();
                    }
                }
            } finally {
                if (content != null) {
                    content.close();
                }
            }
            if (document.getNumberOfPages() == 0) {
                document.addPage(new PDPage(PDRectangle.A4));
            }
            document.save(pdf.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pdf, e);
        }
    }

    /** Breaks {@code text} into pieces no wider than {@code width}, by character (CJK has no spaces). */
    private static List<String> wrap(String text, PDType0Font font, float size, float width) throws IOException {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        float used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            float advance = font.getStringWidth(character) / 1000f * size;
            if (used + advance > width && piece.length() > 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
                used = 0;
            }
            piece.append(character);
            used += advance;
            i += Character.charCount(codePoint);
        }
        pieces.add(piece.toString());
        return pieces;
    }
}
