package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 17: an uploaded Office file that links to a file on the server and to an image on
 * a web server is converted by the real LibreOffice without reaching either: the linked file's
 * text and picture are not in the PDF, and a listener on loopback receives no request; with both
 * barriers (profile and network namespace) and with the profile alone.
 */
class OfficeLinksIT {

    private static final String SECRET = "SERVER-FILE-SECRET-8d41";

    @TempDir
    Path folder;
    private final WireMockServer listener = WireMockPeers.start();
    private Path secretText;
    private Path secretImage;
    private String imageUrl;
    private LibreOfficeInstallation office;

    @BeforeEach
    void setUp() throws IOException {
        Path secrets = Files.createDirectory(folder.resolve("server-files"));
        secretText = Files.writeString(secrets.resolve("secret.txt"), SECRET + "\n", StandardCharsets.UTF_8);
        secretImage = secrets.resolve("secret.png");
        BufferedImage picture = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        picture.createGraphics().setColor(new Color(0x12, 0x34, 0x56));
        ImageIO.write(picture, "png", secretImage.toFile());
        byte[] png = Files.readAllBytes(secretImage);
        listener.stubFor(any(anyUrl()).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png)));
        imageUrl = WireMockPeers.baseUri(listener).resolve("/tracking-pixel.png").toString();
        office = new LibreOfficeInstallation(Path.of(StackEnvironment.require("WORKSPACE_OFFICE_HOME")));
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    @Test
    void anOdtWithALinkedSectionAndLinkedImagesReachesNothing() throws Exception {
        assertReachesNothing(converter(), OfficeSamples.odtWithLinks(folder, secretText, secretImage, imageUrl));
    }

    @Test
    void aDocxWithAnIncludedFileAndLinkedPicturesReachesNothing() throws Exception {
        assertReachesNothing(converter(), OfficeSamples.docxWithLinks(folder, secretText, secretImage, imageUrl));
    }

    /** The first barrier on its own, as on a host where unshare cannot make namespaces. */
    @Test
    void theLockedDownProfileAloneKeepsBothDocumentsIn() throws Exception {
        OfficeConverter profileOnly = OfficeConverter.builder(office).timeout(Duration.ofMinutes(3))
                .withoutNetworkNamespace().build();

        assertReachesNothing(profileOnly, OfficeSamples.odtWithLinks(folder, secretText, secretImage, imageUrl));
        assertReachesNothing(profileOnly, OfficeSamples.docxWithLinks(folder, secretText, secretImage, imageUrl));
    }

    /** The second barrier: this machine (like the CI's) allows unprivileged network namespaces. */
    @Test
    void conversionsRunWithoutNetworkWhereTheSystemAllowsIt() {
        assertThat(converter().withoutNetwork()).isTrue();
    }

    private OfficeConverter converter() {
        return OfficeConverter.builder(office).timeout(Duration.ofMinutes(3)).build();
    }

    private void assertReachesNothing(OfficeConverter converter, Path document) throws IOException {
        Path work = Files.createTempDirectory(folder, "work");

        Path pdf = converter.toPdf(document, work);

        try (PDDocument converted = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(converted)).contains(OfficeSamples.TEXT).doesNotContain(SECRET);
            assertThat(images(converted)).as("pictures loaded from a link").isZero();
        }
        assertThat(WireMockPeers.journal(listener)).as("requests reaching the listener").isEmpty();
    }

    private static int images(PDDocument document) throws IOException {
        int images = 0;
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    images++;
                }
            }
        }
        return images;
    }
}
