package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.BundleTest.BUNDLE_BANNER;
import static org.agencyworkspace.connector.documents.BundleTest.BUNDLE_MARKING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle of awkward PDFs and a docx converted by the real LibreOffice, checked by qpdf and poppler. */
class BundleIT {

    @TempDir
    Path folder;

    @Test
    void pdfsAndADocxMakeOneCheckedBundle() throws Exception {
        LibreOfficeInstallation office = new LibreOfficeInstallation(Path.of(StackEnvironment.require("WORKSPACE_OFFICE_HOME")));
        Watermarker watermarker = Watermarker.builder()
                .officeConverter(OfficeConverter.builder(office).timeout(Duration.ofMinutes(3)).build()).build();
        List<BundleItem> items = new ArrayList<>(BundleTest.threeGeometries(folder));
        items.add(new BundleItem("會議紀錄.docx", OfficeSamples.docx(folder), ClassificationLevel.SECRET.banner()));
        Path bundle = folder.resolve("bundle.pdf");

        watermarker.bundle(new BundleRequest("公文 Folder 2026", items, BUNDLE_MARKING), bundle);

        PdfTools.Result check = PdfTools.qpdfCheck(bundle);
        assertThat(check.exitCode()).as(check.output()).isZero();
        int pages = Marked.pageTexts(Files.readAllBytes(bundle)).size();
        assertThat(pages).isEqualTo(1 + 2 + 1 + 3 + 1);
        assertThat(PdfTools.pdftotext(bundle, 1)).contains(BUNDLE_BANNER, "簽呈 rotated.pdf", "landscape 報表.pdf",
                "offset crop 附件.pdf", "會議紀錄.docx", "2-3", "5-7", "交付 Delivery: delivery-7f3a");
        List<String> banners = List.of(BUNDLE_BANNER, "密 SECRET", "密 SECRET", BUNDLE_BANNER, "無密等 UNMARKED",
                "無密等 UNMARKED", "無密等 UNMARKED", "密 SECRET");
        for (int page = 1; page <= pages; page++) {
            assertThat(PdfTools.pdftotext(bundle, page)).as("page " + page).contains(banners.get(page - 1));
        }
        assertThat(PdfTools.pdftotext(bundle, pages)).contains(OfficeSamples.TEXT);
        assertThat(new FingerprintReader().read(Files.newInputStream(bundle)).deliveryId()).contains("delivery-7f3a");
    }
}
