package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.NOT_VERIFIED;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Checks a marked copy before it is released, reading it back from the file as any reader would:
 * a fresh parse of the saved bytes (not the objects that wrote it), the expected number of pages,
 * a catalog with nothing but the page tree, and on every page, drawn last and with no annotation
 * after it, a stamp form whose extracted text holds the page's banner and the delivery's content
 * marker (each distinct form extracted once, as a page draws it). Beside it, on another thread,
 * the structural check by a second PDF library ({@link StructureCheck}, OpenPDF). When configured,
 * qpdf as a third reader (it reads every object and decodes every stream but the images) must
 * report neither errors nor warnings: a process per copy, which costs about as much as marking.
 * Any doubt refuses the copy ({@code NOT_VERIFIED}).
 */
final class StampVerifier {

    private static final Set<COSName> CATALOG_KEYS = Set.of(COSName.TYPE, COSName.VERSION, COSName.PAGES);
    private static final long QPDF_TIMEOUT_SECONDS = 120;

    /** Null unless qpdf's check is configured as a third, optional reader. */
    private final Path qpdf;

    StampVerifier(Path qpdf) {
        this.qpdf = qpdf;
    }

    /**
     * @param banners the banner expected on each page, in page order (its size is the page count)
     * @throws DocumentRejectedException NOT_VERIFIED naming the first page or fault found
     */
    void verify(Path pdf, String deliveryId, List<String> banners, Path work) {
        // qpdf, when configured, runs beside the in-JVM checks; its verdict is read last
        Process structure = qpdf == null ? null : startStructureCheck(pdf, work);
        try {
            // PDFBox's read-back and OpenPDF's structural check, on two threads when a core is free;
            // a failure of the first is reported before one of the second
            InParallel.map(List.<Runnable>of(() -> verifyPages(pdf, deliveryId, banners, work),
                    () -> StructureCheck.check(pdf, banners.size())), check -> {
                        check.run();
                        return null;
                    });
            if (structure != null) {
                awaitStructureCheck(structure, work);
            }
        } catch (IOException e) {
            throw new DocumentRejectedException(NOT_VERIFIED, "the marked copy cannot be read back: " + e.getMessage(), e);
        } finally {
            if (structure != null) {
                structure.destroyForcibly();
            }
        }
    }

    private static void verifyPages(Path pdf, String deliveryId, List<String> banners, Path work) {
        try (PDDocument document = Watermarker.load(pdf, Watermarker.fileScratch(work))) {
            if (document.getNumberOfPages() != banners.size()) {
                throw failed("it has " + document.getNumberOfPages() + " pages where " + banners.size()
                        + " were stamped");
            }
            if (!CATALOG_KEYS.containsAll(document.getDocumentCatalog().getCOSObject().keySet())) {
                throw failed("its catalog holds more than the page tree");
            }
            String marker = PdfStamper.CONTENT_MARKER + deliveryId;
            Map<COSStream, String> formTexts = new IdentityHashMap<>();
            int index = 0;
            for (PDPage page : document.getPages()) {
                COSStream form = stampForm(page, index + 1);
                String text = formTexts.get(form);
                if (text == null) {
                    text = withoutSpace(formText(document, index, form));
                    formTexts.put(form, text);
                }
                if (!text.contains(marker) || !text.contains(withoutSpace(banners.get(index)))) {
                    throw failed("page " + (index + 1) + " does not carry its banner and delivery marker");
                }
                index++;
            }
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new DocumentRejectedException(NOT_VERIFIED, "the marked copy cannot be read back: " + e.getMessage(), e);
        }
    }

    /**
     * The form XObject the page draws last, which must be the stamp: the page's last content
     * stream is exactly {@code q a b c d e f cm /Name Do Q}, and /Name a form in the page's own
     * resources (plain dictionaries: readers other than PDFBox find nothing in a stream there).
     * No annotation may be drawn after it.
     */
    static COSStream stampForm(PDPage page, int number) throws IOException {
        COSDictionary dictionary = page.getCOSObject();
        if (dictionary.containsKey(COSName.ANNOTS)) {
            throw failed("page " + number + " has annotations, which would be drawn above the stamp");
        }
        if (!(dictionary.getDictionaryObject(COSName.CONTENTS) instanceof COSArray contents) || contents.size() < 2
                || !(contents.getObject(contents.size() - 1) instanceof COSStream last)) {
            throw failed("page " + number + " does not end with the stamp");
        }
        List<Object> tokens;
        try (InputStream in = last.createInputStream()) {
            tokens = new PDFStreamParser(in.readNBytes(4096)).parse();
        }
        if (tokens.size() != 11 || !isOperator(tokens.get(0), "q") || !isOperator(tokens.get(7), "cm")
                || !(tokens.get(8) instanceof COSName name) || !isOperator(tokens.get(9), "Do")
                || !isOperator(tokens.get(10), "Q")
                || !tokens.subList(1, 7).stream().allMatch(COSNumber.class::isInstance)) {
            throw failed("page " + number + " does not end with the stamp");
        }
        if (!(dictionary.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary resources)
                || resources instanceof COSStream
                || !(resources.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary forms)
                || forms instanceof COSStream
                || !(forms.getDictionaryObject(name) instanceof COSStream form)
                || !COSName.FORM.equals(form.getCOSName(COSName.SUBTYPE))) {
            throw failed("page " + number + "'s stamp is not a form in its resources");
        }
        return form;
    }

    private static boolean isOperator(Object token, String name) {
        return token instanceof Operator operator && operator.getName().equals(name);
    }

    /**
     * The text PDFBox extracts from {@code form} drawn as page {@code index} (0-based) draws it: its
     * last content stream (checked by {@link #stampForm}: exactly {@code q cm /Name Do Q}) with the
     * page's boxes, rotation and resources, alone on a page of its own. The page's own content,
     * before it, ends in the initial graphics state (the normaliser balances it) and holds no
     * text of the stamp's: extracting it too would cost more than the marking.
     */
    private static String formText(PDDocument document, int index, COSStream form) throws IOException {
        COSDictionary page = document.getPage(index).getCOSObject();
        COSDictionary stampOnly = new COSDictionary();
        for (COSName key : List.of(COSName.TYPE, COSName.MEDIA_BOX, COSName.CROP_BOX, COSName.ROTATE,
                COSName.RESOURCES)) {
            stampOnly.setItem(key, page.getItem(key));
        }
        COSArray contents = (COSArray) page.getDictionaryObject(COSName.CONTENTS);
        stampOnly.setItem(COSName.CONTENTS, contents.get(contents.size() - 1));
        COSDictionary tree = new COSDictionary();
        tree.setItem(COSName.TYPE, COSName.PAGES);
        tree.setItem(COSName.KIDS, new COSArray(List.of(stampOnly)));
        tree.setInt(COSName.COUNT, 1);
        PDPageTree onePage = new PDPageTree(tree);
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processPages(PDPageTree pages) throws IOException {
                super.processPages(onePage);
            }

            @Override
            public void showForm(PDFormXObject shown) throws IOException {
                // only the stamp: a form the stamp draws in turn is not part of it
                if (shown.getCOSObject() == form) {
                    super.showForm(shown);
                }
            }
        };
        // Two deliveries' markers may overlap; the default would drop one of them.
        stripper.setSuppressDuplicateOverlappingText(false);
        return stripper.getText(document);
    }

    /**
     * qpdf reads the whole file and writes it to nowhere, decoding every stream compressed with a
     * general-purpose filter: errors exit 2, anything it had to repair or could not decode exits 3.
     * It writes the streams as decoded and the objects one by one: compressing them again, for
     * nobody to read, took a third of its time.
     * Unlike {@code qpdf --check} it does not decode images, which would cost seconds on a scanned
     * document and cannot affect the stamp.
     */
    private Process startStructureCheck(Path pdf, Path work) {
        try {
            return new ProcessBuilder(qpdf.toString(), "--decode-level=generalized", "--compress-streams=n",
                    "--object-streams=disable", pdf.toString(), "/dev/null")
                    .redirectErrorStream(true).redirectOutput(work.resolve("qpdf-check.log").toFile()).start();
        } catch (IOException e) {
            throw new DocumentRejectedException(NOT_VERIFIED, "cannot run " + qpdf + ": " + e.getMessage(), e);
        }
    }

    private void awaitStructureCheck(Process check, Path work) {
        try {
            if (!check.waitFor(QPDF_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw failed("qpdf took longer than " + QPDF_TIMEOUT_SECONDS + " s");
            }
            if (check.exitValue() != 0) {
                throw failed("qpdf exited " + check.exitValue() + ": " + firstProblem(work.resolve("qpdf-check.log")));
            }
        } catch (IOException e) {
            throw new DocumentRejectedException(NOT_VERIFIED, "cannot read qpdf's report: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentRejectedException(NOT_VERIFIED, "interrupted during the qpdf check", e);
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
