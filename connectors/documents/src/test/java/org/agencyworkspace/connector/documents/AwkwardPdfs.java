package org.agencyworkspace.connector.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Builds the awkward PDFs the watermark tests run on, as bytes. */
final class AwkwardPdfs {

    /** One shape of page: its media box, optional crop box, rotation, and whether it has content. */
    record PageShape(PDRectangle mediaBox, PDRectangle cropBox, int rotation, boolean withContent) {

        static PageShape of(PDRectangle mediaBox) {
            return new PageShape(mediaBox, null, 0, true);
        }

        PageShape rotated(int degrees) {
            return new PageShape(mediaBox, cropBox, degrees, withContent);
        }

        PageShape cropped(PDRectangle crop) {
            return new PageShape(mediaBox, crop, rotation, withContent);
        }

        PageShape empty() {
            return new PageShape(mediaBox, cropBox, rotation, false);
        }
    }

    static final PDRectangle LANDSCAPE_A4 = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    /** A media box whose origin is not 0,0, as scanners and imposition tools write them. */
    static final PDRectangle OFFSET_MEDIA = new PDRectangle(-300, 200, 612, 792);

    private AwkwardPdfs() {
    }

    /** A text PDF with one page per shape. */
    static byte[] pages(List<PageShape> shapes) {
        try (PDDocument document = new PDDocument()) {
            int number = 1;
            for (PageShape shape : shapes) {
                document.addPage(page(document, shape, number++));
            }
            return bytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pages(PageShape... shapes) {
        return pages(Arrays.asList(shapes));
    }

    /** {@code count} A4 text pages. */
    static byte[] textPages(int count) {
        return pages(Collections.nCopies(count, PageShape.of(PDRectangle.A4)));
    }

    /** {@code count} A4 pages, each with a full-page noise image (incompressible, as scans are). */
    static byte[] imagePages(int count, int imageSide) {
        try (PDDocument document = new PDDocument()) {
            Random random = new Random(count);
            for (int i = 0; i < count; i++) {
                BufferedImage noise = new BufferedImage(imageSide, imageSide, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < imageSide; y++) {
                    for (int x = 0; x < imageSide; x++) {
                        noise.setRGB(x, y, random.nextInt(0xFFFFFF));
                    }
                }
                PDImageXObject image = LosslessFactory.createFromImage(document, noise);
                PDPage page = new PDPage(PDRectangle.A4);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(image, 36, 36, PDRectangle.A4.getWidth() - 72, PDRectangle.A4.getHeight() - 72);
                }
                document.addPage(page);
            }
            return bytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A4 text pages encrypted with {@code ownerPassword} and {@code userPassword} ("" opens without one). */
    static byte[] encrypted(String ownerPassword, String userPassword) {
        try (PDDocument document = new PDDocument()) {
            document.addPage(page(document, PageShape.of(PDRectangle.A4), 1));
            document.addPage(page(document, PageShape.of(LANDSCAPE_A4), 2));
            AccessPermission permissions = new AccessPermission();
            permissions.setCanModify(false);
            permissions.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword, userPassword, permissions);
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return bytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code keep} bytes of {@code pdf}, as an interrupted download leaves it. */
    static byte[] truncated(byte[] pdf, int keep) {
        return Arrays.copyOf(pdf, keep);
    }

    /** A PDF header and trailer around random bytes. */
    static byte[] garbageBetweenHeaderAndEnd() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(noise);
        out.writeBytes("\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static PDPage page(PDDocument document, PageShape shape, int number) throws IOException {
        PDPage page = new PDPage(shape.mediaBox());
        if (shape.cropBox() != null) {
            page.setCropBox(shape.cropBox());
        }
        page.setRotation(shape.rotation());
        if (shape.withContent()) {
            PDRectangle visible = page.getCropBox();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.newLineAtOffset(visible.getLowerLeftX() + 72, visible.getUpperRightY() - 100);
                content.showText("Page " + number + " of the awkward corpus.");
                content.endText();
            }
        }
        return page;
    }

    private static byte[] bytes(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
