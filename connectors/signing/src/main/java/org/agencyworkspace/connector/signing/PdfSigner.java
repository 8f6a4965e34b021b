package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignerTextPosition;
import eu.europa.esig.dss.enumerations.TextWrapping;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.DSSFileFont;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.signing.SigningRefusedException.Reason;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Signs PDFs as PAdES: each signature is an incremental revision over the exact bytes given, so the
 * signatures already in the document stay valid and the last one covers the whole file. A visible
 * block on the last page names the signer, their title, the time and the approval step, in the
 * agency's CJK font; the blocks of successive signatures sit side by side, then in rows above.
 */
public final class PdfSigner implements AutoCloseable {

    private static final float BLOCK_WIDTH = 170;
    private static final float BLOCK_HEIGHT = 54;
    private static final float MARGIN = 28;
    private static final float GAP = 6;
    private static final float FONT_SIZE = 8;
    /** 〓 (geta mark), the typesetter's stand-in for a character the font cannot draw. */
    private static final int MISSING_GLYPH = 0x3013;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final CertificateChecks checks;
    private final Optional<TimestampAuthority> timestamps;
    private final ZoneId zone;
    private final CjkFont.Opened font;

    /**
     * @param timestamps the time-stamp authority for B-T and B-LT; without one only B-B can be made
     * @param zone the time zone the signature block shows the time in
     * @param font a TrueType CJK font ({@link CjkFont#firstInstalled()} finds the watermark's)
     */
    public PdfSigner(CertificateChecks checks, Optional<TimestampAuthority> timestamps, ZoneId zone, CjkFont font) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.font = font.open();
    }

    /**
     * Adds one signature to {@code pdf}.
     *
     * @throws SigningRefusedException when the certificate may not sign now ({@code CERTIFICATE_*},
     *     {@code REVOCATION_UNKNOWN}, {@code UNTRUSTED_CERTIFICATE}), the bytes are no PDF
     *     ({@code NOT_A_PDF}) or the time stamp fails ({@code TIMESTAMP_FAILED})
     */
    public byte[] sign(byte[] pdf, UnlockedKey key, SignatureBlock block, PadesLevel level) {
        checks.requireUsableForSigning(key.chain());
        Placement placement = placementIn(pdf);
        Instant now = checks.clock().instant();
        PAdESService service = new PAdESService(checks.verifier());
        service.setPdfObjFactory(new PdfBoxNativeObjectFactory());
        if (level.needsTimestamp()) {
            service.setTspSource(timestamps.orElseThrow(() -> new SigningRefusedException(Reason.TIMESTAMP_FAILED,
                    "no time-stamp authority is configured: only B-B signatures can be made")).source());
        }
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(level.dss);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(key.certificate()));
        parameters.setCertificateChain(key.chain().stream().skip(1).map(CertificateToken::new).toList());
        parameters.bLevel().setSigningDate(Date.from(now));
        parameters.setSignerName(block.name());
        parameters.setReason(block.step());
        parameters.setContentSize(24_000);
        parameters.setImageParameters(appearance(block, now, placement));
        DSSDocument document = new InMemoryDocument(pdf);
        try {
            ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
            SignatureValue value = new SignatureValue(
                    key.isEc() ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256,
                    key.signSha256(toBeSigned.getBytes()));
            return bytesOf(service.signDocument(document, parameters, value));
        } catch (DSSExternalResourceException e) {
            throw new SigningRefusedException(Reason.TIMESTAMP_FAILED,
                    "the time-stamp authority did not answer with a time stamp: " + e.getMessage(), e);
        }
    }

    private SignatureImageParameters appearance(SignatureBlock block, Instant time, Placement placement) {
        String text = block.step() + "\n" + block.name() + (block.title().isBlank() ? "" : " " + block.title())
                + "\n" + TIME.format(time.atZone(zone));
        String drawable;
        byte[] subset;
        // the open font parses its tables lazily: one signature at a time reads it
        synchronized (font) {
            drawable = drawable(text);
            subset = subsetFor(drawable);
        }
        DSSFileFont blockFont = new DSSFileFont(new InMemoryDocument(subset), FONT_SIZE);
        SignatureImageTextParameters textParameters = new SignatureImageTextParameters();
        textParameters.setText(drawable);
        textParameters.setFont(blockFont);
        textParameters.setTextColor(new Color(0x1a, 0x23, 0x7e));
        textParameters.setBackgroundColor(new Color(0xf4, 0xf6, 0xfb));
        textParameters.setPadding(4);
        textParameters.setSignerTextPosition(SignerTextPosition.LEFT);
        textParameters.setTextWrapping(TextWrapping.FONT_BASED);
        SignatureFieldParameters field = new SignatureFieldParameters();
        field.setPage(placement.page());
        field.setOriginX(placement.x());
        field.setOriginY(placement.y());
        field.setWidth(BLOCK_WIDTH);
        field.setHeight(BLOCK_HEIGHT);
        SignatureImageParameters image = new SignatureImageParameters();
        image.setTextParameters(textParameters);
        image.setFieldParameters(field);
        image.setBackgroundColor(new Color(0xf4, 0xf6, 0xfb));
        return image;
    }

    /** The text with every character the font lacks replaced by 〓, so the block never shows a blank. */
    private String drawable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(cp == '\n' || coversQuietly(cp) ? cp : MISSING_GLYPH));
        return out.toString();
    }

    private boolean coversQuietly(int codePoint) {
        try {
            return font.covers(codePoint);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A standalone TrueType font of just the glyphs of {@code text}: DSS embeds fonts from a file,
     * and the agency's font ships inside a collection.
     */
    private byte[] subsetFor(String text) {
        try {
            TTFSubsetter subsetter = new TTFSubsetter(font.font());
            text.codePoints().forEach(subsetter::add);
            " 0123456789:-+".codePoints().forEach(subsetter::add);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot subset the signature block font", e);
        }
    }

    /** Where the next block goes: the last page, after the blocks of the signatures already there. */
    private static Placement placementIn(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new SigningRefusedException(Reason.NOT_A_PDF, "the PDF has no pages");
            }
            int existing = document.getSignatureDictionaries().size();
            PDRectangle box = document.getPage(pages - 1).getCropBox();
            int perRow = Math.max(1, (int) ((box.getWidth() - 2 * MARGIN + GAP) / (BLOCK_WIDTH + GAP)));
            int row = existing / perRow;
            int column = existing % perRow;
            float x = MARGIN + column * (BLOCK_WIDTH + GAP);
            // DSS measures the origin from the page's top left corner
            float y = box.getHeight() - MARGIN - BLOCK_HEIGHT - row * (BLOCK_HEIGHT + GAP);
            return new Placement(pages, x, Math.max(MARGIN, y));
        } catch (IOException e) {
            throw new SigningRefusedException(Reason.NOT_A_PDF, "not a readable PDF: " + e.getMessage(), e);
        }
    }

    static byte[] bytesOf(DSSDocument document) {
        try (var in = document.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        font.close();
    }

    private record Placement(int page, float x, float y) {
    }
}
