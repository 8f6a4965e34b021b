package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Traces a leaked copy back to its delivery record: reads the delivery id that {@link Watermarker}
 * put in the document information and, as invisible text, in every page. The content marker
 * survives tools that strip or rewrite metadata, and copies of the text.
 */
public final class FingerprintReader {

    /** The document information key holding the delivery id. */
    public static final String METADATA_KEY = "AgencyWorkspaceDelivery";

    private static final Pattern MARKER = Pattern.compile(
            Pattern.quote(PdfStamper.CONTENT_MARKER) + "(" + Marking.DELIVERY_ID.pattern() + ")");

    /**
     * Reads the fingerprint of {@code pdf} (read to its end, not closed).
     *
     * @throws DocumentRejectedException CORRUPT when it is not a readable PDF, PASSWORD_REQUIRED
     *     when it needs a user password
     */
    public Fingerprint read(InputStream pdf) {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            Optional<String> fromMetadata = Optional.ofNullable(
                    document.getDocumentInformation().getCustomMetadataValue(METADATA_KEY));
            return new Fingerprint(fromMetadata, List.copyOf(contentMarkers(document)));
        } catch (IOException | RuntimeException e) {
            throw DocumentRejectedException.unreadable(e);
        }
    }

    /** The distinct delivery ids of the content markers, page by page. */
    static Set<String> contentMarkers(PDDocument document) throws IOException {
        return contentMarkers(document, document.getNumberOfPages());
    }

    /** The distinct delivery ids of the content markers on the first {@code pages} pages. */
    static Set<String> contentMarkers(PDDocument document, int pages) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        PDFTextStripper stripper = new PDFTextStripper();
        // Markers of two deliveries sit at the same spot; the default would drop the overlap.
        stripper.setSuppressDuplicateOverlappingText(false);
        for (int page = 1; page <= pages; page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            Matcher matcher = MARKER.matcher(stripper.getText(document));
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }
}
