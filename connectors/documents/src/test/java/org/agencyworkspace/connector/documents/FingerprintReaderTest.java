package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.junit.jupiter.api.Test;

class FingerprintReaderTest {

    private static final Watermarker WATERMARKER = Watermarker.builder().build();

    @Test
    void theDeliveryIsTracedAfterTheMetadataIsStripped() throws Exception {
        byte[] marked = Marked.watermark(WATERMARKER, AwkwardPdfs.textPages(2));
        ByteArrayOutputStream stripped = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(marked)) {
            document.setDocumentInformation(new PDDocumentInformation());
            document.getDocumentCatalog().setMetadata(null);
            document.save(stripped);
        }

        Fingerprint fingerprint = new FingerprintReader().read(new ByteArrayInputStream(stripped.toByteArray()));

        assertThat(fingerprint.fromMetadata()).isEmpty();
        assertThat(fingerprint.deliveryId()).contains("delivery-7f3a");
    }

    @Test
    void anUnmarkedDocumentHasNoFingerprint() {
        Fingerprint fingerprint = new FingerprintReader().read(new ByteArrayInputStream(AwkwardPdfs.textPages(1)));

        assertThat(fingerprint.deliveryId()).isEmpty();
    }

    @Test
    void aCopyMarkedAgainNamesBothDeliveriesAndTheLatestInItsMetadata() {
        Marking second = new Marking(Marked.MARKING.banner(), "李大同", "li.dt", Marked.MARKING.time(),
                Marked.MARKING.documentId(), "delivery-9c01");
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        WATERMARKER.watermark(second,
                new ByteArrayInputStream(Marked.watermark(WATERMARKER, AwkwardPdfs.textPages(1))), twice);

        Fingerprint fingerprint = new FingerprintReader().read(new ByteArrayInputStream(twice.toByteArray()));

        assertThat(fingerprint.fromMetadata()).contains("delivery-9c01");
        assertThat(fingerprint.fromContent()).containsExactlyInAnyOrder("delivery-7f3a", "delivery-9c01");
    }
}
