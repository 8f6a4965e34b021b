package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.EMPTY;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.NOT_MARKED;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.agencyworkspace.connector.TransientConnectorException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders the first page of a <em>marked copy</em> (what {@link Watermarker} wrote) as a PNG, so a
 * thumbnail shows the classification banner like every other way a labelled file leaves. Never
 * give it an original: a PDF whose first page carries no watermark fingerprint is refused
 * ({@code NOT_MARKED}) rather than pictured unmarked. Thread-safe: each call opens its own document.
 */
public final class Thumbnailer {

    /** Bounds the image on the heap: 4096 × 4096 RGB pixels are 48 MiB. */
    static final int MAX_SIDE = 4096;

    private final int maxWidth;
    private final int maxHeight;

    /**
     * Thumbnails {@code maxWidth} pixels wide, or narrower where that would make a tall page more
     * than {@code maxHeight} high.
     *
     * @throws IllegalArgumentException when a side is not between 1 and {@value #MAX_SIDE}
     */
    public Thumbnailer(int maxWidth, int maxHeight) {
        if (maxWidth < 1 || maxHeight < 1 || maxWidth > MAX_SIDE || maxHeight > MAX_SIDE) {
            throw new IllegalArgumentException("thumbnail sides must be 1 to " + MAX_SIDE + " pixels");
        }
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /**
     * Writes a PNG of the first page of {@code markedPdf}, as a viewer shows it (crop box,
     * rotation), to {@code png} (which stays open). The image is encoded in full before the first
     * byte is written, so on any exception {@code png} has received nothing.
     *
     * @throws DocumentRejectedException CORRUPT when it is not a readable PDF, PASSWORD_REQUIRED,
     *     EMPTY without pages, NOT_MARKED when its first page carries no watermark, NOT_VERIFIED
     *     when the watermark is not the last thing its first page draws
     * @throws TransientConnectorException when {@code png} fails
     */
    public void thumbnail(Path markedPdf, OutputStream png) {
        Objects.requireNonNull(png, "png required");
        byte[] image = render(markedPdf);
        try {
            png.write(image);
        } catch (IOException e) {
            throw new TransientConnectorException("documents", "thumbnail output failed", 0, null, e.getMessage(), e);
        }
    }

    private byte[] render(Path markedPdf) {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(markedPdf.toFile()), "", null,
                null, IOUtils.createTempFileOnlyStreamCache())) {
            if (document.getNumberOfPages() == 0) {
                throw new DocumentRejectedException(EMPTY, "the PDF has no pages");
            }
            if (FingerprintReader.contentMarkers(document, 1).isEmpty()) {
                throw new DocumentRejectedException(NOT_MARKED, "the first page carries no watermark: "
                        + "thumbnails are made of marked copies only");
            }
            // as the engine's check before release: the stamp is what the page draws last
            StampVerifier.stampForm(document.getPage(0), 1);
            PageFrame shown = PageFrame.of(document.getPage(0));
            // PDFRenderer rounds the size down: half a pixel more makes it exactly the side aimed at.
            float scale = Math.min((maxWidth + 0.5f) / shown.width(), (maxHeight + 0.5f) / shown.height());
            PDFRenderer renderer = new PDFRenderer(document);
            // Large scanned images are read at the resolution the thumbnail needs, not in full.
            renderer.setSubsamplingAllowed(true);
            BufferedImage page = renderer.renderImage(0, scale, ImageType.RGB);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            ImageIO.write(page, "png", encoded);
            return encoded.toByteArray();
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw DocumentRejectedException.unreadable(e);
        }
    }
}
