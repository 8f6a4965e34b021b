package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.NOT_VERIFIED;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.ScratchFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Checks a marked copy before it is released, reading it back from the file as any reader would:
 * a fresh parse of the saved bytes (not the objects that wrote it), the expected number of pages,
 * a catalog with nothing but the page tree, no annotations, and on every page the banner and the
 * delivery's content marker in the page's extracted text; then, when qpdf is installed, a
 * structural check by a second PDF library ({@code qpdf --check}, which parses every page's content
 * and decodes every stream) that must report neither errors nor warnings. Any doubt refuses the
 * copy ({@code NOT_VERIFIED}).
 */
final class StampVerifier {

    private static final Set<COSName> CATALOG_KEYS = Set.of(COSName.TYPE, COSName.VERSION, COSName.PAGES);
    private static final long QPDF_TIMEOUT_SECONDS = 120;

    /** Null when qpdf is not installed: the PDFBox checks alone then. */
    private final Path qpdf;

    StampVerifier(Path qpdf) {
        this.qpdf = qpdf;
    }

    /**
     * @param banners the banner expected on each page, in page order (its size is the page count)
     * @throws DocumentRejectedException NOT_VERIFIED naming the first page or fault found
     */
    void verify(Path pdf, String deliveryId, List<String> banners, Path work) {
        List<String> texts;
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()), "", null, null,
                () -> new ScratchFile(MemoryUsageSetting.setupTempFileOnly().setTempDir(work.toFile())))) {
            if (document.getNumberOfPages() != banners.size()) {
                throw failed("it has " + document.getNumberOfPages() + " pages where " + banners.size()
                        + " were stamped");
            }
            if (!CATALOG_KEYS.containsAll(document.getDocumentCatalog().getCOSObject().keySet())) {
                throw failed("its catalog holds more than the page tree: "
                        + document.getDocumentCatalog().getCOSObject().keySet());
            }
            for (PDPage page : document.getPages()) {
                if (page.getCOSObject().containsKey(COSName.ANNOTS)) {
                    throw failed("a page has annotations, which would be drawn above the stamp");
                }
                // readers other than PDFBox find no resources in a stream where a dictionary belongs
                if (!(page.getCOSObject().getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary resources)
                        || resources instanceof COSStream
                        || !(resources.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary forms)
                        || forms instanceof COSStream) {
                    throw failed("a page's resources are not a plain dictionary");
                }
            }
            texts = pageTexts(document);
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new DocumentRejectedException(NOT_VERIFIED, "the marked copy cannot be read back: " + e.getMessage(), e);
        }
        String marker = PdfStamper.CONTENT_MARKER + deliveryId;
        for (int page = 0; page < banners.size(); page++) {
            String text = withoutSpace(texts.get(page));
            if (!text.contains(marker) || !text.contains(withoutSpace(banners.get(page)))) {
                throw failed("page " + (page + 1) + " does not carry its banner and delivery marker");
            }
        }
        if (qpdf != null) {
            checkStructure(pdf, work);
        }
    }

    /** The text of each page, in one pass over the document. */
    private static List<String> pageTexts(PDDocument document) throws IOException {
        StringWriter written = new StringWriter();
        List<Integer> ends = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void endPage(PDPage page) throws IOException {
                super.endPage(page);
                ends.add(written.getBuffer().length());
            }
        };
        // Two deliveries' markers may overlap; the default would drop one of them.
        stripper.setSuppressDuplicateOverlappingText(false);
        stripper.writeText(document, written);
        List<String> texts = new ArrayList<>(ends.size());
        int start = 0;
        for (int end : ends) {
            texts.add(written.getBuffer().substring(start, end));
            start = end;
        }
        while (texts.size() < document.getNumberOfPages()) {
            texts.add("");
        }
        return texts;
    }

    private void checkStructure(Path pdf, Path work) {
        Path log = work.resolve("qpdf-check.log");
        try {
            Process check = new ProcessBuilder(qpdf.toString(), "--check", pdf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!check.waitFor(QPDF_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                throw failed("qpdf --check took longer than " + QPDF_TIMEOUT_SECONDS + " s");
            }
            if (check.exitValue() != 0) {
                throw failed("qpdf --check exited " + check.exitValue() + ": " + firstProblem(log));
            }
        } catch (IOException e) {
            throw new DocumentRejectedException(NOT_VERIFIED, "cannot run " + qpdf + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentRejectedException(NOT_VERIFIED, "interrupted during qpdf --check", e);
        }
    }

    private static String firstProblem(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.stream().filter(line -> line.contains("WARNING") || line.contains("ERROR")
                || line.contains("error")).findFirst().orElse(lines.isEmpty() ? "" : lines.get(0));
    }

    private static String withoutSpace(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static DocumentRejectedException failed(String detail) {
        return new DocumentRejectedException(NOT_VERIFIED, "the marked copy failed its check: " + detail);
    }
}
