package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CORRUPT;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.EMPTY;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.TOO_LARGE;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.UNSUPPORTED_TYPE;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.agencyworkspace.connector.TransientConnectorException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadMemoryMappedFile;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.io.ScratchFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;

/**
 * Puts a {@link Marking} on every page of a PDF (or of an Office file, converted first): the
 * classification banner at the top and bottom, a diagonal translucent viewer mark, and a
 * fingerprint of the delivery id in the metadata and, as invisible text, in every page's content.
 *
 * <p>Every path runs the same pipeline: normalise ({@link PdfNormaliser}: the output is a fresh
 * document holding only the pages stamped, their content balanced, annotations drawn into them,
 * nothing else of the source; what cannot be normalised is refused), stamp ({@link PdfStamper},
 * drawn last on each page, relative to the visible box), verify ({@link StampVerifier}: the saved
 * file read back by PDFBox, every page checked for its mark, and beside it a structural check by a
 * second parser, OpenPDF; {@code qpdf} as a third when configured). A copy that fails verification
 * is discarded.
 *
 * <p>Fail closed: the result is written to a private temporary folder and copied to the caller's
 * stream only once every page is marked, so on any exception the stream has received nothing.
 * Large documents stay off the heap: the input, PDFBox's scratch data beyond 16 MiB and the result
 * live in temporary files. Thread-safe: each call has its own files; the font is opened once and
 * shared, since opening a 20 MB collection and parsing its tables costs more than marking a few
 * hundred pages and FontBox reads a font's tables and glyphs under its own locks. Close it to
 * release the font.
 */
public final class Watermarker implements Closeable {

    private static final long SCRATCH_IN_MEMORY = 16L * 1024 * 1024;
    private static final int SNIFF_BYTES = 1024;
    /** Image-heavy PDFs are mostly large streams copied through: fewer, larger writes. */
    private static final int COPY_BUFFER = 1024 * 1024;
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_HEADER = {'P', 'K', 3, 4};

    private final CjkFont.Opened font;
    private final StampFontSubsets stampFonts;
    private final OfficeConverter officeConverter;
    private final Path workDirectory;
    private final long maxInputBytes;
    private final int maxPages;
    private final StampVerifier verifier;

    private Watermarker(Builder builder, CjkFont.Opened font, StampVerifier verifier) {
        this.font = font;
        this.stampFonts = new StampFontSubsets(font);
        this.officeConverter = builder.officeConverter;
        this.workDirectory = builder.workDirectory;
        this.maxInputBytes = builder.maxInputBytes;
        this.maxPages = builder.maxPages;
        this.verifier = verifier;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code document} to its end, marks every page and writes the marked PDF to {@code out}
     * (which stays open). PDFs encrypted with an owner password only are opened and written
     * without encryption; the copy's protection is its marks.
     *
     * @throws DocumentRejectedException with the reason the document or marking was refused; nothing
     *     was written to {@code out}
     * @throws TransientConnectorException when temporary files cannot be written or {@code out}
     *     fails while the result is copied to it
     */
    public void watermark(Marking marking, InputStream document, OutputStream out) {
        Objects.requireNonNull(document, "document required");
        Objects.requireNonNull(out, "out required");
        inWorkFolder(work -> {
            Path marked = work.resolve("marked.pdf");
            markVerified(marking, spool(document, work.resolve("input")), marked, work);
            copy(marked, out);
        });
    }

    /**
     * Like {@link #watermark(Marking, InputStream, OutputStream)} for a document already in a file,
     * which is read in place instead of copied first.
     */
    public void watermark(Marking marking, Path document, OutputStream out) {
        Objects.requireNonNull(out, "out required");
        inWorkFolder(work -> {
            Path marked = work.resolve("marked.pdf");
            markVerified(marking, requireSize(document), marked, work);
            copy(marked, out);
        });
    }

    /**
     * Marks {@code document} into the file {@code target}, which appears (or is replaced) only once
     * every page is marked: the result is written beside it under a hidden name and renamed.
     *
     * @throws DocumentRejectedException as {@link #watermark(Marking, InputStream, OutputStream)};
     *     {@code target} was not created or changed
     */
    public void watermark(Marking marking, Path document, Path target) {
        intoTarget(target, (partial, work) -> markVerified(marking, requireSize(document), partial, work));
    }

    /**
     * Exports {@code request}'s items as one PDF in {@code target}: manifest pages listing every
     * item with its level and page range, then each item's pages. Every page is marked as
     * {@link #watermark} marks it (the manifest with the request's banner, each item with its
     * own), and the fingerprint carries the request's delivery id. The limits hold for the bundle
     * as a whole: {@code maxInputBytes} for the items' files together, {@code maxPages} for the
     * manifest and the items' pages together. Items are read from their files in place.
     *
     * @throws DocumentRejectedException when any item is refused, with the item's reason and a
     *     message naming it; {@code target} was not created or changed
     * @throws TransientConnectorException when an item cannot be read or temporary files written
     */
    public void bundle(BundleRequest request, Path target) {
        Objects.requireNonNull(request, "request required");
        requireDrawable(request);
        intoTarget(target, (partial, work) -> {
            requireBundleSize(request.items());
            List<Path> markedItems = new ArrayList<>();
            List<Integer> itemPages = new ArrayList<>();
            // The manifest takes at least one page of the budget; it is counted exactly below.
            int pages = 1;
            for (int i = 0; i < request.items().size(); i++) {
                Path marked = work.resolve("item-" + (i + 1) + ".pdf");
                itemPages.add(markItem(request, i, marked, work, maxPages - pages));
                pages += itemPages.get(i);
                markedItems.add(marked);
            }
            Path manifest = work.resolve("manifest.pdf");
            int manifestPages = BundleManifest.write(font, request, itemPages, manifest, scratch(work));
            if (manifestPages - 1 + pages > maxPages) {
                throw new DocumentRejectedException(TOO_LARGE, "the manifest's " + manifestPages
                        + " pages and the items' " + (pages - 1) + " are more than " + maxPages);
            }
            Path markedManifest = work.resolve("manifest-marked.pdf");
            mark(manifest, request.marking(), markedManifest, work, maxPages);
            append(markedManifest, markedItems, partial, work);
            List<String> banners = new ArrayList<>(Collections.nCopies(manifestPages, request.marking().banner()));
            for (int i = 0; i < itemPages.size(); i++) {
                banners.addAll(Collections.nCopies(itemPages.get(i), request.items().get(i).banner()));
            }
            verifier.verify(partial, request.marking().deliveryId(), banners, work);
        });
    }

    /** Closes the font. */
    @Override
    public void close() throws IOException {
        font.close();
    }

    /** Marks item {@code index} with its own banner into {@code marked}; returns its page count. */
    private int markItem(BundleRequest request, int index, Path marked, Path work, int pageLimit) throws IOException {
        BundleItem item = request.items().get(index);
        // its own folder: OfficeConverter names its files and LibreOffice profile the same for every call
        Path itemWork = Files.createDirectory(work.resolve("item-" + (index + 1)));
        try {
            return markFile(request.marking().withBanner(item.banner(), item.style()), item.source(), marked, itemWork,
                    pageLimit);
        } catch (DocumentRejectedException e) {
            throw e.concerning(describe(index, item));
        } finally {
            // a converted copy and LibreOffice's profile are not needed once the item is marked
            deleteQuietly(itemWork);
        }
    }

    private interface WorkStep {
        void run(Path work) throws IOException;
    }

    private interface TargetStep {
        void run(Path partial, Path work) throws IOException;
    }

    /**
     * Runs {@code step} to write beside {@code target} under a hidden name, then renames the
     * finished file into place: on any exception {@code target} is not created or changed.
     */
    private void intoTarget(Path target, TargetStep step) {
        Path folder = target.toAbsolutePath().getParent();
        inWorkFolder(work -> {
            Path partial = Files.createTempFile(folder, ".watermark-", ".partial");
            try {
                step.run(partial, work);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        });
    }

    /** Runs {@code step} with a private temporary folder, deleted afterwards whatever happens. */
    private void inWorkFolder(WorkStep step) {
        Path work = null;
        try {
            work = Files.createTempDirectory(workDirectory, "watermark-");
            step.run(work);
        } catch (IOException e) {
            throw new TransientConnectorException("documents", "watermark I/O failed", 0, null,
                    e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** Marks {@code input} into {@code marked} and verifies the result. */
    private void markVerified(Marking marking, Path input, Path marked, Path work) throws IOException {
        int pages = markFile(marking, input, marked, work, maxPages);
        verifier.verify(marked, marking.deliveryId(), Collections.nCopies(pages, marking.banner()), work);
    }

    /** Marks {@code input} (converted first when it is an Office file) into {@code marked}; returns its page count. */
    private int markFile(Marking marking, Path input, Path marked, Path work, int pageLimit) throws IOException {
        Objects.requireNonNull(marking, "marking required");
        Path pdf = switch (sniff(input)) {
            case PDF -> input;
            case OFFICE -> convert(input, work);
        };
        requireCompletePdf(pdf);
        return mark(pdf, marking, marked, work, pageLimit);
    }

    private Path requireSize(Path document) throws IOException {
        if (Files.size(document) > maxInputBytes) {
            throw new DocumentRejectedException(TOO_LARGE, "larger than " + maxInputBytes + " bytes");
        }
        return document;
    }

    /** The items' files together within {@code maxInputBytes}; the item that goes past it is named. */
    private void requireBundleSize(List<BundleItem> items) throws IOException {
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            total += Files.size(items.get(i).source());
            if (total > maxInputBytes) {
                throw new DocumentRejectedException(TOO_LARGE, describe(i, items.get(i))
                        + ": the items together are larger than " + maxInputBytes + " bytes");
            }
        }
    }

    private static String describe(int index, BundleItem item) {
        return "item " + (index + 1) + " '" + item.name() + "'";
    }

    private enum Kind { PDF, OFFICE }

    private Path spool(InputStream document, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = document.read(buffer)) >= 0;) {
                total += n;
                if (total > maxInputBytes) {
                    throw new DocumentRejectedException(TOO_LARGE, "larger than " + maxInputBytes + " bytes");
                }
                file.write(buffer, 0, n);
            }
        }
        return target;
    }

    private static Kind sniff(Path input) throws IOException {
        byte[] head = readHead(input);
        if (head.length == 0) {
            throw new DocumentRejectedException(EMPTY, "no bytes");
        }
        if (indexOf(head, PDF_HEADER) >= 0) {
            return Kind.PDF;
        }
        if (head.length >= ZIP_HEADER.length && Arrays.equals(head, 0, ZIP_HEADER.length, ZIP_HEADER, 0, ZIP_HEADER.length)) {
            return Kind.OFFICE;
        }
        throw new DocumentRejectedException(UNSUPPORTED_TYPE, "neither a PDF nor an Office document");
    }

    private Path convert(Path input, Path work) {
        if (officeConverter == null) {
            throw new DocumentRejectedException(UNSUPPORTED_TYPE,
                    "an Office file, and no LibreOffice converter is configured");
        }
        return officeConverter.toPdf(input, work);
    }

    /** PDFBox repairs a cut-off file silently; a PDF that does not end in %%EOF is refused instead. */
    private static void requireCompletePdf(Path pdf) throws IOException {
        byte[] tail;
        try (InputStream in = Files.newInputStream(pdf)) {
            in.skipNBytes(Math.max(0, Files.size(pdf) - SNIFF_BYTES));
            tail = in.readNBytes(SNIFF_BYTES);
        }
        if (indexOf(tail, PDF_END) < 0) {
            throw new DocumentRejectedException(CORRUPT, "truncated: the PDF does not end with %%EOF");
        }
    }

    /**
     * Normalises {@code pdf} into a new document, stamps its pages and saves it to {@code marked};
     * returns its page count. PDFs encrypted with an owner password only are read decrypted and
     * written without encryption; the copy's protection is its marks.
     */
    private int mark(Path pdf, Marking marking, Path marked, Path work, int pageLimit) throws IOException {
        requireDrawable(marking);
        try (PDDocument source = load(pdf, scratch(work)); PDDocument document = new PDDocument(scratch(work))) {
            int pages = PdfNormaliser.normalise(source, document, pageLimit);
            PdfStamper stamper = new PdfStamper(document, stampFonts, marking);
            for (PDPage page : document.getPages()) {
                stamper.stamp(page);
            }
            document.getDocumentInformation().setCustomMetadataValue(FingerprintReader.METADATA_KEY,
                    marking.deliveryId());
            save(document, marked);
            return pages;
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw DocumentRejectedException.unreadable(e);
        }
    }

    /**
     * Writes the marked manifest's pages, then every marked item's, to {@code bundle}. Imported pages
     * share their resources with the item's document, so all stay open until the bundle is saved;
     * their streams are read from the files then, not held on the heap.
     */
    private static void append(Path markedManifest, List<Path> markedItems, Path bundle, Path work) throws IOException {
        List<PDDocument> items = new ArrayList<>();
        try (PDDocument document = load(markedManifest, scratch(work))) {
            for (Path markedItem : markedItems) {
                PDDocument item = load(markedItem, fileScratch(work));
                items.add(item);
                for (PDPage page : item.getPages()) {
                    // A marked page holds its attributes itself (nothing inherited) and its
                    // content streams as stamped, the stamp last: moved over as it is.
                    COSDictionary moved = new COSDictionary(page.getCOSObject());
                    moved.removeItem(COSName.PARENT);
                    document.addPage(new PDPage(moved));
                }
            }
            save(document, bundle);
        } finally {
            for (PDDocument item : items) {
                item.close();
            }
        }
    }

    /** PDFBox's scratch data for one document: {@value #SCRATCH_IN_MEMORY} bytes in memory, the rest in {@code work}. */
    private static StreamCacheCreateFunction scratch(Path work) {
        MemoryUsageSetting setting = MemoryUsageSetting.setupMixed(SCRATCH_IN_MEMORY).setTempDir(work.toFile());
        return () -> new ScratchFile(setting);
    }

    /** For documents only read from: whatever scratch data PDFBox makes for them goes to a file. */
    static StreamCacheCreateFunction fileScratch(Path work) {
        MemoryUsageSetting setting = MemoryUsageSetting.setupTempFileOnly().setTempDir(work.toFile());
        return () -> new ScratchFile(setting);
    }

    /**
     * Opens {@code pdf} mapped into memory: PDFBox reads a buffered file in 4 KiB pages, one system
     * call each, which was most of the time spent copying a scanned document's images.
     */
    static PDDocument load(Path pdf, StreamCacheCreateFunction scratch) throws IOException {
        RandomAccessRead file = new RandomAccessReadMemoryMappedFile(pdf);
        try {
            return Loader.loadPDF(file, "", null, null, scratch);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            file.close();
            throw e;
        }
    }

    private static void save(PDDocument document, Path target) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), COPY_BUFFER)) {
            document.save(file, CompressParameters.NO_COMPRESSION);
        }
    }

    private void requireDrawable(Marking marking) {
        font.requireDrawable(marking.banner(), "banner");
        font.requireDrawable(marking.viewerName(), "viewer name");
        font.requireDrawable(marking.userId(), "user id");
        font.requireDrawable(marking.documentId(), "document id");
    }

    /** Everything the manifest and the items' marks print, checked before any item is converted. */
    private void requireDrawable(BundleRequest request) {
        requireDrawable(request.marking());
        font.requireDrawable(request.title(), "bundle title");
        for (int i = 0; i < request.items().size(); i++) {
            BundleItem item = request.items().get(i);
            try {
                font.requireDrawable(item.name(), "name");
                font.requireDrawable(item.banner(), "banner");
            } catch (DocumentRejectedException e) {
                throw e.concerning(describe(i, item));
            }
        }
    }

    private static void copy(Path file, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
        }
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless; the result was never in the caller's stream
        }
    }

    /** Settings of a {@link Watermarker}; {@link #build()} checks them and opens the font. */
    public static final class Builder {

        private Path fontFile;
        private String fontFace;
        private OfficeConverter officeConverter;
        private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private long maxInputBytes = 256L * 1024 * 1024;
        private int maxPages = 10_000;
        private Path qpdf;

        private Builder() {
        }

        /**
         * Adds qpdf's structural check of every marked copy, after PDFBox's read-back and
         * OpenPDF's check, which always run: {@code qpdf} on the PATH when {@code enabled}, the
         * build failing when it is not installed. Off unless set: a qpdf process per copy costs
         * about as much as the marking itself.
         */
        public Builder qpdfCheck(boolean enabled) {
            this.qpdf = enabled ? onPath("qpdf") : null;
            if (enabled && qpdf == null) {
                throw new IllegalStateException("the qpdf check is enabled but qpdf is not on the PATH");
            }
            return this;
        }

        /** Adds the qpdf check as {@link #qpdfCheck(boolean)} does, with this qpdf program. */
        public Builder qpdf(Path qpdf) {
            this.qpdf = Objects.requireNonNull(qpdf, "qpdf required");
            return this;
        }

        /**
         * A TrueType-outline font (.ttf or .ttc) with Chinese glyphs; unless set, the first
         * installed of AR PL UMing, AR PL UKai, WenQuanYi Zen Hei, WenQuanYi Micro Hei.
         */
        public Builder fontFile(Path fontFile) {
            this.fontFile = fontFile;
            return this;
        }

        /** In a .ttc collection, the face's PostScript name (e.g. {@code UMingTW}); the first face if unset. */
        public Builder fontFace(String fontFace) {
            this.fontFace = fontFace;
            return this;
        }

        /** Converts Office files first; without one they are refused as UNSUPPORTED_TYPE. */
        public Builder officeConverter(OfficeConverter officeConverter) {
            this.officeConverter = officeConverter;
            return this;
        }

        /** Where each call's private temporary folder goes; the JVM's temporary folder unless set. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        /** Largest input accepted; 256 MiB unless set. */
        public Builder maxInputBytes(long maxInputBytes) {
            this.maxInputBytes = maxInputBytes;
            return this;
        }

        /** Most pages accepted; 10,000 unless set. */
        public Builder maxPages(int maxPages) {
            this.maxPages = maxPages;
            return this;
        }

        /**
         * @throws IllegalStateException when a limit is not positive, the work folder is missing, or
         *     the font is missing, unreadable or has CFF outlines
         */
        public Watermarker build() {
            if (maxInputBytes <= 0 || maxPages <= 0) {
                throw new IllegalStateException("maxInputBytes and maxPages must be positive");
            }
            if (workDirectory == null || !Files.isDirectory(workDirectory)) {
                throw new IllegalStateException("workDirectory must be an existing folder: " + workDirectory);
            }
            if (qpdf != null && !Files.isExecutable(qpdf)) {
                throw new IllegalStateException("qpdf is not an executable program: " + qpdf);
            }
            CjkFont font = fontFile == null ? CjkFont.firstInstalled() : new CjkFont(fontFile, fontFace);
            return new Watermarker(this, font.open(), new StampVerifier(qpdf));
        }

        private static Path onPath(String program) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                    return Path.of(folder, program);
                }
            }
            return null;
        }
    }
}
