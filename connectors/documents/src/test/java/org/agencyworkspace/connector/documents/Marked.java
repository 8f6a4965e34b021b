package org.agencyworkspace.connector.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Shared by the watermark tests: one marking, running the engine, and reading pages back. */
final class Marked {

    static final Marking MARKING = new Marking(ClassificationLevel.SECRET.banner(), "王小明", "wang.xm",
            OffsetDateTime.of(2026, 11, 26, 9, 30, 0, 0, ZoneOffset.ofHours(8)), "DOC-2026-0042",
            "delivery-7f3a");

    private Marked() {
    }

    static byte[] watermark(Watermarker watermarker, byte[] document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        watermarker.watermark(MARKING, new ByteArrayInputStream(document), out);
        return out.toByteArray();
    }

    /** The text PDFBox extracts from each page, in page order. */
    static List<String> pageTexts(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> texts = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                texts.add(stripper.getText(document));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each page rendered as a viewer shows it (crop box, rotation applied). */
    static List<BufferedImage> rendered(byte[] pdf, float dpi) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<BufferedImage> images = new ArrayList<>();
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                images.add(renderer.renderImageWithDPI(page, dpi));
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a strip of rows (fractions of the height) holds pixels of a banner's colour, whatever
     * the level's (red, green, blue): strongly coloured, where the viewer mark is grey.
     */
    static boolean hasBannerInk(BufferedImage image, double fromRow, double toRow) {
        for (int y = (int) (fromRow * image.getHeight()); y < (int) (toRow * image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 70) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a strip of rows (fractions of the height) holds banner-red pixels; the viewer mark is grey. */
    static boolean hasBannerRed(BufferedImage image, double fromRow, double toRow) {
        for (int y = (int) (fromRow * image.getHeight()); y < (int) (toRow * image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                // anti-aliased thin strokes come out pink: compare red with the other channels
                if (red - green > 50 && red - blue > 50) {
                    return true;
                }
            }
        }
        return false;
    }
}
