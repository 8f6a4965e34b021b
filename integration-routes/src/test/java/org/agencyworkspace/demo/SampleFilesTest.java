package org.agencyworkspace.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** The demo's sample files are what their names say, readable by the usual libraries. */
class SampleFilesTest {

    private static final List<String> LINES = List.of("Budget execution (sample)", "Personnel 62%");

    @Test
    void aPdfIsOnePageWithTheLines() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(SampleFiles.of("預算執行表.PDF", LINES))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(pdf)).contains(LINES);
        }
    }

    @Test
    void aDocxHasOneParagraphALine() throws Exception {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(SampleFiles.of("規則.docx", LINES)));
                XWPFWordExtractor text = new XWPFWordExtractor(docx)) {
            assertThat(docx.getParagraphs()).hasSize(2);
            assertThat(text.getText()).contains(LINES);
        }
    }

    @Test
    void anythingElseIsUtf8Text() {
        assertThat(new String(SampleFiles.of("公告.txt", List.of("總務處公告", "Notice")), StandardCharsets.UTF_8))
                .isEqualTo("總務處公告\nNotice\n");
    }
}
