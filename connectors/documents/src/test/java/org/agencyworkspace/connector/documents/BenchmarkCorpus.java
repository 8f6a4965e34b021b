package org.agencyworkspace.connector.documents;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** The benchmark's documents: full pages of text, and pages that are mostly a scanned photo. */
final class BenchmarkCorpus {

    private static final int LINES_PER_PAGE = 50;
    private static final String LINE = "The quick brown fox jumps over the lazy dog; agency minutes, item %d.%d, "
            + "budget and procurement review.";

    private BenchmarkCorpus() {
    }

    /** {@code pages} A4 pages of 50 lines of Helvetica text each. */
    static Path textPdf(Path target, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int number = 1; number <= pages; number++) {
                PDPage page = new PDPage(PDRectangle.A4);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(helvetica, 9);
                    content.setLeading(14);
                    content.newLineAtOffset(56, 780);
                    for (int line = 1; line <= LINES_PER_PAGE; line++) {
                        content.showText(String.format(LINE, number, line));
                        content.newLine();
                    }
                    content.endText();
                }
                document.addPage(page);
            }
            document.save(target.toFile());
        }
        return target;
    }

    /** {@code pages} A4 pages, each a different 1,600 × 2,200 pixel JPEG filling the page. */
    static Path imagePdf(Path target, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            Random random = new Random(42);
            for (int number = 1; number <= pages; number++) {
                PDImageXObject photo = JPEGFactory.createFromImage(document, photo(random, 1600, 2200), 0.8f);
                PDPage page = new PDPage(PDRectangle.A4);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(photo, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
                document.addPage(page);
            }
            document.save(target.toFile());
        }
        return target;
    }

    /** A gradient with grain, which JPEG compresses about as much as a scan. */
    private static BufferedImage photo(Random random, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
                new Color(random.nextInt(0xFFFFFF))));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        for (int i = 0; i < width * height / 4; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xFFFFFF));
        }
        return image;
    }
}
