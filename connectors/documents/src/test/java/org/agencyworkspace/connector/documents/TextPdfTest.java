package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain text to PDF in the installed CJK font: the text reads back, long text wraps and pages. */
class TextPdfTest {

    @Test
    void chineseAndEnglishReadBackAndLongTextFlowsOntoMorePages(@TempDir Path folder) throws Exception {
        List<String> lines = new ArrayList<>(List.of("# 評選紀錄 Evaluation record", "案號 CASE-1\t甲公司 78.40"));
        for (int i = 0; i < 120; i++) {
            lines.add("第 " + i + " 行：" + "評選委員會".repeat(12));
        }
        Path pdf = folder.resolve("record.pdf");

        TextPdf.withInstalledFont().write("評選紀錄", lines, pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(2);
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("評選紀錄");
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("評選紀錄 Evaluation record", "案號 CASE-1 甲公司 78.40", "第 119 行");
        }
    }

    @Test
    void aCharacterTheFontCannotDrawIsRefusedBeforeWriting(@TempDir Path folder) {
        Path pdf = folder.resolve("x.pdf");
        assertThatThrownBy(() -> TextPdf.withInstalledFont().write("x", List.of("\uD83D\uDE00"), pdf))
                .isInstanceOf(DocumentRejectedException.class);
        assertThat(pdf).doesNotExist();
    }
}
