package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPDF's structural check on a marked copy: it passes as written, and each fault it must catch
 * where OpenPDF alone would read past it (or PDFBox would) is refused.
 */
class StructureCheckTest {

    private static byte[] marked;
    private static int pages;

    @TempDir
    Path work;

    @BeforeAll
    static void markACopy() throws Exception {
        try (Watermarker watermarker = Watermarker.builder().build();
                PDDocument document = HostilePdfs.base(new Random(7))) {
            pages = document.getNumberOfPages();
            marked = Marked.watermark(watermarker, HostilePdfs.save(document, new Random(7)));
        }
    }

    @Test
    void theCopyAsWrittenPasses() {
        assertThatCode(() -> StructureCheck.check(write(marked), pages)).doesNotThrowAnyException();
    }

    @Test
    void anotherPageCountIsRefused() throws Exception {
        assertRefused(write(marked), pages + 1, "pages where");
    }

    @Test
    void anXrefEntryPointingAtAnotherObjectIsRefused() throws Exception {
        String text = latin1(marked);
        int table = text.lastIndexOf("\nxref");
        Matcher entries = Pattern.compile("(\\d{10}) 00000 n").matcher(text.substring(table));
        entries.find();
        String first = entries.group(1);
        entries.find();
        String second = entries.group(1);
        String swapped = text.substring(0, table) + text.substring(table).replaceFirst(first + " 00000 n",
                second + " 00000 n");
        assertRefused(write(swapped.getBytes(StandardCharsets.ISO_8859_1)), pages, "points elsewhere");
    }

    @Test
    void aStreamLengthThatIsNotItsStreamsIsRefused() throws Exception {
        // one digit changed, so no offset moves: one less (a byte of the stream's is left out), as
        // one more could take in the end-of-line before endstream, which every reader allows;
        // OpenPDF finds endstream by itself and reads on
        String text = latin1(marked);
        Matcher length = Pattern.compile("/Length (\\d+)").matcher(text);
        length.find();
        String digits = length.group(1);
        char last = digits.charAt(digits.length() - 1);
        String changed = digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 9) % 10);
        String damaged = text.substring(0, length.start(1)) + changed + text.substring(length.end(1));
        assertRefused(write(damaged.getBytes(StandardCharsets.ISO_8859_1)), pages, "/Length");
    }

    @Test
    void aStreamThatDoesNotDecodeIsRefused() throws Exception {
        String text = latin1(marked);
        int filter = text.indexOf("/FlateDecode");
        int data = text.indexOf("stream", filter) + "stream\r\n".length();
        int end = text.indexOf("endstream", data);
        byte[] damaged = marked.clone();
        for (int i = data + (end - data) / 3; i < end - 4; i++) {
            damaged[i] = (byte) 0xFF;
        }
        assertRefused(write(damaged), pages, "decode");
    }

    @Test
    void anEarlierRevisionIsRefused() throws Exception {
        String text = latin1(marked);
        int startxref = text.lastIndexOf("startxref");
        String previous = text.substring(startxref + "startxref".length()).strip().split("\\s+")[0];
        // an incremental update holding no objects, whose trailer names the table before it
        int at = marked.length;
        String update = "xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 1 /Prev " + previous
                + " >>\nstartxref\n" + at + "\n%%EOF\n";
        assertRefused(write((text + update).getBytes(StandardCharsets.ISO_8859_1)), pages, "");
    }

    @Test
    void javaScriptAnywhereIsRefused() throws Exception {
        byte[] planted;
        try (PDDocument document = Loader.loadPDF(marked)) {
            COSDictionary action = new COSDictionary();
            action.setItem(COSName.S, COSName.JAVA_SCRIPT);
            action.setString(COSName.JS, "app.alert(1)");
            COSDictionary triggers = new COSDictionary();
            triggers.setItem(COSName.O, action);
            document.getPage(0).getCOSObject().setItem(COSName.AA, triggers);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            planted = out.toByteArray();
        }
        assertRefused(write(planted), pages, "/AA");
    }

    private void assertRefused(Path copy, int expectedPages, String detail) {
        assertThatThrownBy(() -> StructureCheck.check(copy, expectedPages))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(DocumentRejectedException.Reason.NOT_VERIFIED))
                .hasMessageContaining(detail);
    }

    private Path write(byte[] pdf) throws Exception {
        return Files.write(Files.createTempFile(work, "copy-", ".pdf"), pdf);
    }

    private static String latin1(byte[] pdf) {
        return new String(pdf, StandardCharsets.ISO_8859_1);
    }
}
