package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Office files converted by the LibreOffice that deploy/local installs, then marked. */
class OfficeConversionIT {

    private static LibreOfficeInstallation office;
    private static Watermarker watermarker;

    @TempDir
    Path folder;

    @BeforeAll
    static void office() {
        office = new LibreOfficeInstallation(Path.of(StackEnvironment.require("WORKSPACE_OFFICE_HOME")));
        watermarker = Watermarker.builder()
                .officeConverter(OfficeConverter.builder(office).timeout(Duration.ofMinutes(3)).build()).build();
    }

    @Test
    void docx() throws Exception {
        assertMarkedWithText(OfficeSamples.docx(folder));
    }

    @Test
    void xlsx() throws Exception {
        assertMarkedWithText(OfficeSamples.xlsx(folder));
    }

    @Test
    void odt() throws Exception {
        assertMarkedWithText(OfficeSamples.odt(folder));
    }

    @Test
    void pptx() throws Exception {
        assertMarkedWithText(OfficeSamples.pptx(folder, office));
    }

    private void assertMarkedWithText(Path officeFile) throws Exception {
        Path marked = folder.resolve("marked.pdf");
        try (InputStream in = Files.newInputStream(officeFile); OutputStream out = Files.newOutputStream(marked)) {
            watermarker.watermark(Marked.MARKING, in, out);
        }

        assertThat(PdfTools.qpdfCheck(marked).exitCode()).isZero();
        assertThat(PdfTools.pdftotext(marked, 1)).contains(OfficeSamples.TEXT, "密 SECRET");
        assertThat(new FingerprintReader().read(Files.newInputStream(marked)).deliveryId()).contains("delivery-7f3a");
    }
}
