package org.agencyworkspace.connector.einvoice;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Finds e-invoice QR codes in a receipt photo, scan or PDF. Sizes are checked before anything is
 * decoded (an image's header, a PDF page's box), so a small file announcing a huge picture (a
 * decompression bomb) is refused without allocating it.
 */
public final class ReceiptImages {

    /**
     * @param maxBytes largest file accepted
     * @param maxPixels largest picture (width x height) decoded, per image or rendered page
     * @param maxPages most PDF pages read
     * @param pdfDpi resolution PDF pages are rendered at
     */
    public record Limits(long maxBytes, long maxPixels, int maxPages, float pdfDpi) {

        public Limits {
            if (maxBytes < 1 || maxPixels < 1 || maxPages < 1 || pdfDpi < 36 || pdfDpi > 600) {
                throw new IllegalArgumentException("receipt image limits must be positive,"
                        + " DPI 36 to 600");
            }
        }

        /** 20 MB, 40 megapixels, 10 pages at 200 DPI. */
        public static Limits defaults() {
            return new Limits(20L << 20, 40_000_000L, 10, 200f);
        }
    }

    /**
     * What a file held.
     *
     * @param invoices invoices read in full, in page order
     * @param problems one line per code or pair that could not be read as an invoice
     * @param codes how many QR codes were found
     */
    public record Reading(List<EInvoice> invoices, List<String> problems, int codes) {
    }

    private static final Map<DecodeHintType, Object> QR_HINTS = hints(true);
    private static final Map<DecodeHintType, Object> ANY_HINTS = hints(false);

    private final Limits limits;

    public ReceiptImages(Limits limits) {
        this.limits = limits;
    }

    /** Whether the content starts like a PDF. */
    public static boolean isPdf(byte[] content) {
        return content.length >= 5 && new String(content, 0, 5, StandardCharsets.ISO_8859_1)
                .equals("%PDF-");
    }

    /**
     * Reads every invoice in an image or PDF.
     *
     * @throws ReceiptImageException when the file is too large, not an image or PDF, or hostile
     */
    public Reading read(byte[] content) {
        List<DecodedCode> codes = new ArrayList<>();
        BufferedImage[] pages = pictures(content);
        for (int i = 0; i < pages.length; i++) {
            codes.addAll(decode(pages[i], i + 1));
        }
        if (codes.isEmpty()) {
            throw new ReceiptImageException(otherFormat(content)
                    .map(format -> "no QR code found, only a " + format + " barcode")
                    .orElse("no QR code found: photograph the receipt's two codes sharply and whole"));
        }
        return invoices(codes);
    }

    /**
     * The pictures a file holds: the image itself, or each PDF page rendered in grey.
     *
     * @throws ReceiptImageException when refused
     */
    public BufferedImage[] pictures(byte[] content) {
        if (content.length > limits.maxBytes()) {
            throw new ReceiptImageException("the file has " + content.length + " bytes; at most "
                    + limits.maxBytes() + " are accepted");
        }
        return isPdf(content) ? pages(content) : new BufferedImage[] {image(content)};
    }

    /** Reads an image after checking, from its header, that it is not too large. */
    public BufferedImage image(byte[] content) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new ReceiptImageException("the file is neither an image (JPEG, PNG, GIF, BMP)"
                        + " nor a PDF");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > limits.maxPixels()) {
                    throw new ReceiptImageException("the image is " + reader.getWidth(0) + " x "
                            + reader.getHeight(0) + " pixels; at most " + limits.maxPixels()
                            + " pixels are decoded");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new ReceiptImageException("the image could not be decoded");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ReceiptImageException refused) {
                throw refused;
            }
            throw new ReceiptImageException("the image is damaged: " + e.getClass().getSimpleName(), e);
        }
    }

    private BufferedImage[] pages(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.isEncrypted()) {
                throw new ReceiptImageException("the PDF is encrypted");
            }
            int count = document.getNumberOfPages();
            if (count > limits.maxPages()) {
                throw new ReceiptImageException("the PDF has " + count + " pages; at most "
                        + limits.maxPages() + " are read");
            }
            PDFRenderer renderer = new PDFRenderer(document);
            BufferedImage[] pages = new BufferedImage[count];
            for (int i = 0; i < count; i++) {
                PDPage page = document.getPage(i);
                PDRectangle box = page.getCropBox();
                double scale = limits.pdfDpi() / 72.0;
                long pixels = (long) Math.ceil(box.getWidth() * scale) * (long) Math.ceil(box.getHeight() * scale);
                if (pixels > limits.maxPixels()) {
                    throw new ReceiptImageException("page " + (i + 1) + " is too large to render");
                }
                pages[i] = renderer.renderImageWithDPI(i, limits.pdfDpi(), ImageType.GRAY);
            }
            return pages;
        } catch (IOException e) {
            throw new ReceiptImageException("the PDF is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * The QR codes in one picture. Tries the picture as it is, then with its contrast stretched,
     * then at half size (which sharpens a blurred photo for the binarizer), until every left code
     * found has a right one.
     */
    public static List<DecodedCode> decode(BufferedImage picture, int page) {
        List<DecodedCode> found = new ArrayList<>();
        BufferedImage grey = grey(picture);
        for (int pass = 0; pass < 3; pass++) {
            BufferedImage image = switch (pass) {
                case 0 -> grey;
                case 1 -> stretched(grey);
                default -> halved(grey);
            };
            float scale = pass == 2 ? 2f : 1f;
            for (Result result : multi(image)) {
                byte[] bytes = bytes(result);
                if (found.stream().noneMatch(code -> Arrays.equals(code.bytes(), bytes))) {
                    found.add(code(bytes, page, result.getResultPoints(), scale));
                }
            }
            long lefts = found.stream().filter(code -> EInvoiceQr.looksLikeLeft(code.bytes())).count();
            long rights = found.stream().filter(code -> EInvoiceQr.isRight(code.bytes())).count();
            if (!found.isEmpty() && lefts <= rights) {
                break;
            }
        }
        return found;
    }

    /**
     * Pairs each left code with the right code beside it (same page, to its right, tops aligned,
     * the nearest), then reads each pair.
     */
    public static Reading invoices(List<DecodedCode> codes) {
        List<EInvoice> invoices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<DecodedCode> rights = new ArrayList<>(codes.stream()
                .filter(code -> EInvoiceQr.isRight(code.bytes())).toList());
        int number = 0;
        for (DecodedCode left : codes) {
            if (EInvoiceQr.isRight(left.bytes())) {
                continue;
            }
            number++;
            if (!EInvoiceQr.looksLikeLeft(left.bytes())) {
                problems.add("code " + number + " (page " + left.page() + ") is not an e-invoice code");
                continue;
            }
            // Nearest by distance, not "to the right": a photo may be taken at any angle.
            DecodedCode right = rights.stream()
                    .filter(candidate -> candidate.page() == left.page()
                            && distance(left, candidate) < 3 * Math.max(left.size(), 20f))
                    .min((a, b) -> Double.compare(distance(left, a), distance(left, b)))
                    .orElse(null);
            try {
                invoices.add(EInvoiceQr.parse(left.bytes(), right == null ? null : right.bytes()));
                rights.remove(right);
            } catch (EInvoiceFormatException e) {
                problems.add("invoice " + new String(left.bytes(), 0, 10, StandardCharsets.ISO_8859_1)
                        + " (page " + left.page() + "): " + e.getMessage());
            }
        }
        return new Reading(invoices, problems, codes.size());
    }

    private static double distance(DecodedCode a, DecodedCode b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    private static List<Result> multi(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        List<Result> results = new ArrayList<>();
        try {
            results.addAll(Arrays.asList(new QRCodeMultiReader().decodeMultiple(bitmap, QR_HINTS)));
        } catch (NotFoundException e) {
            // Nothing by the QR detector's multi-finder; the generic one cuts the picture up.
        }
        try {
            for (Result result : new GenericMultipleBarcodeReader(new QRCodeReader())
                    .decodeMultiple(bitmap, QR_HINTS)) {
                if (results.stream().noneMatch(known -> Arrays.equals(bytes(known), bytes(result)))) {
                    results.add(result);
                }
            }
        } catch (NotFoundException e) {
            // None there either.
        }
        return results;
    }

    private java.util.Optional<String> otherFormat(byte[] content) {
        try {
            for (BufferedImage picture : pictures(content)) {
                LuminanceSource source = new BufferedImageLuminanceSource(picture);
                Result result = new MultiFormatReader().decode(
                        new BinaryBitmap(new HybridBinarizer(source)), ANY_HINTS);
                return java.util.Optional.of(result.getBarcodeFormat().name());
            }
        } catch (NotFoundException | ReceiptImageException e) {
            // Not any barcode.
        }
        return java.util.Optional.empty();
    }

    /** The code's bytes: its byte segments where it has them (Big5 names), else its text. */
    @SuppressWarnings("unchecked")
    static byte[] bytes(Result result) {
        Object segments = result.getResultMetadata() == null ? null
                : result.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
        if (segments instanceof List<?> list && !list.isEmpty()) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            ((List<byte[]>) list).forEach(segment -> joined.write(segment, 0, segment.length));
            byte[] raw = joined.toByteArray();
            // A code mixing modes keeps only its byte parts as segments; then the text is whole.
            if (raw.length >= result.getText().length() || !result.getText().isEmpty()
                    && raw.length >= result.getText().getBytes(StandardCharsets.UTF_8).length) {
                return raw;
            }
        }
        return result.getText().getBytes(StandardCharsets.UTF_8);
    }

    private static DecodedCode code(byte[] bytes, int page, ResultPoint[] points, float scale) {
        float x = 0;
        float y = 0;
        for (ResultPoint point : points) {
            x += point.getX();
            y += point.getY();
        }
        int n = Math.max(points.length, 1);
        float size = points.length >= 2 ? ResultPoint.distance(points[0], points[1]) : 0;
        return new DecodedCode(bytes, page, x / n * scale, y / n * scale, size * scale);
    }

    private static BufferedImage grey(BufferedImage picture) {
        if (picture.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return picture;
        }
        BufferedImage grey = new BufferedImage(picture.getWidth(), picture.getHeight(),
                BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.dispose();
        return grey;
    }

    /** Spreads the darkest to the lightest grey over 0..255 (a faded print or a dim photo). */
    private static BufferedImage stretched(BufferedImage grey) {
        byte[] pixels = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int min = 255;
        int max = 0;
        for (byte pixel : pixels) {
            min = Math.min(min, pixel & 0xff);
            max = Math.max(max, pixel & 0xff);
        }
        BufferedImage out = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int range = Math.max(max - min, 1);
        for (int i = 0; i < pixels.length; i++) {
            target[i] = (byte) (((pixels[i] & 0xff) - min) * 255 / range);
        }
        return out;
    }

    private static BufferedImage halved(BufferedImage grey) {
        BufferedImage out = new BufferedImage(Math.max(grey.getWidth() / 2, 1),
                Math.max(grey.getHeight() / 2, 1), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(grey, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    private static Map<DecodeHintType, Object> hints(boolean qrOnly) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (qrOnly) {
            hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        }
        return Map.copyOf(hints);
    }
}
