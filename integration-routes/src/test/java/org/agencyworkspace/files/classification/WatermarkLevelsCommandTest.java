package org.agencyworkspace.files.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agencyworkspace.connector.documents.BannerLevel;
import org.agencyworkspace.connector.documents.ClassificationLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/workspace watermark} reads the application's configured levels: a level an agency
 * adds is stamped with its configured banner, a code nobody configured is refused.
 */
class WatermarkLevelsCommandTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aConfiguredLevelTheShippedOnesDoNotKnowIsStampedWithItsConfiguredBanner() throws Exception {
        Path in = blankPdf("memo.pdf");
        Path marked = folder.resolve("memo-for-wang.pdf");

        int status = run(settingsWithRestricted(), "--label", "restricted", "--viewer", "Wang",
                in.toString(), marked.toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        try (PDDocument document = Loader.loadPDF(marked.toFile())) {
            assertThat(new PDFTextStripper().getText(document)).contains("限閱 RESTRICTED");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("label restricted");
    }

    @Test
    void aLevelNobodyConfiguredIsRefusedAndNothingIsWritten() throws Exception {
        Path in = blankPdf("memo.pdf");
        Path target = folder.resolve("memo-for-wang.pdf");

        int status = run(settingsWithRestricted(), "--label", "restricted-plus", "--viewer", "Wang",
                in.toString(), target.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown label 'restricted-plus'").contains("restricted");
        assertThat(target).doesNotExist();
    }

    @Test
    void theDefaultLevelsPrintTheShippedBannersInTheShippedStyles() {
        List<BannerLevel> configured = WatermarkLevelsCommand.configuredLevels(List.of());

        assertThat(configured).extracting(BannerLevel::banner).containsExactlyElementsOf(
                ClassificationLevel.shipped().stream().map(BannerLevel::banner).toList());
        assertThat(configured).extracting(BannerLevel::style).containsExactlyElementsOf(
                ClassificationLevel.shipped().stream().map(BannerLevel::style).toList());
    }

    private String settingsWithRestricted() throws Exception {
        Path settings = Files.writeString(folder.resolve("application.yaml"), """
                workspace:
                  classification:
                    levels:
                      - code: unmarked
                        name-zh: 無密等
                        name-en: Unmarked
                      - code: restricted
                        name-zh: 限閱
                        name-en: Restricted
                        public-links: false
                """, StandardCharsets.UTF_8);
        return "--spring.config.additional-location=file:" + settings;
    }

    private int run(String settings, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "watermark";
        all[1] = settings;
        System.arraycopy(args, 0, all, 2, args.length);
        return WatermarkLevelsCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path blankPdf(String name) throws Exception {
        Path pdf = folder.resolve(name);
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(pdf.toFile());
        }
        return pdf;
    }
}
