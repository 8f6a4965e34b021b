package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The stamp's font: a tagged subset with every glyph the stamp draws, cut once per set of characters. */
class StampFontSubsetsTest {

    @Test
    void aSubsetDrawsEveryCharacterOfTheStampAndIsTaggedAsASubset() throws IOException {
        try (CjkFont.Opened opened = CjkFont.firstInstalled().open()) {
            StampFontSubsets subsets = new StampFontSubsets(opened);
            List<String> texts = List.of("機密 CONFIDENTIAL", "王小明 (wang.xm)", "2026-12-07 20:40 +08:00",
                    "公文/函稿 第3號.pdf", "awfp:0f8e2c1a-4b7d-4c55-9a7e-1234567890ab");
            byte[] saved = drawn(subsets, texts);
            try (PDDocument document = Loader.loadPDF(saved)) {
                String text = new PDFTextStripper().getText(document);
                for (String line : texts) {
                    assertThat(text).contains(line);
                }
                PDType0Font font = (PDType0Font) document.getPage(0).getResources()
                        .getFont(document.getPage(0).getResources().getFontNames().iterator().next());
                assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
                assertThat(font.isEmbedded()).isTrue();
            }
            assertThat(saved.length).as("a subset, not the whole CJK font or its bitmaps").isLessThan(60_000);
        }
    }

    @Test
    void theSameCharactersShareOneSubsetAndOthersGetTheirOwn() throws IOException {
        try (CjkFont.Opened opened = CjkFont.firstInstalled().open()) {
            StampFontSubsets subsets = new StampFontSubsets(opened);
            byte[] first = fontProgram(subsets, List.of("密 SECRET", "王小明"));
            byte[] again = fontProgram(subsets, List.of("王小明", "密 SECRET"));
            byte[] other = fontProgram(subsets, List.of("密 SECRET", "陳大文"));
            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    private static byte[] drawn(StampFontSubsets subsets, List<String> texts) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDType0Font font = subsets.load(document, texts);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = 700;
                for (String text : texts) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(50, y);
                    content.showText(text);
                    content.endText();
                    y -= 30;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] fontProgram(StampFontSubsets subsets, List<String> texts) throws IOException {
        try (PDDocument document = Loader.loadPDF(drawn(subsets, texts))) {
            PDType0Font font = (PDType0Font) document.getPage(0).getResources()
                    .getFont(document.getPage(0).getResources().getFontNames().iterator().next());
            return font.getDescendantFont().getFontDescriptor().getFontFile2().toByteArray();
        }
    }
}
