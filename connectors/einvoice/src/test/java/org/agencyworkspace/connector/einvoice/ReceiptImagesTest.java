package org.agencyworkspace.connector.einvoice;

import static org.agencyworkspace.connector.einvoice.EInvoiceSamples.png;
import static org.agencyworkspace.connector.einvoice.EInvoiceSamples.receipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.oned.Code128Writer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

class ReceiptImagesTest {

    private final ReceiptImages images = new ReceiptImages(ReceiptImages.Limits.defaults());

    @Test
    void readsBothCodesOfAPrintedProofCopy() {
        EInvoiceSamples.Sample sample = EInvoiceSamples.sample(new Random(1));

        ReceiptImages.Reading reading = images.read(png(receipt(List.of(sample))));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.invoices()).singleElement().satisfies(invoice -> {
            assertThat(invoice.number()).isEqualTo(sample.number());
            assertThat(invoice.total().longValueExact()).isEqualTo(sample.total());
            assertThat(invoice.items()).hasSize(2);
        });
    }

    @Test
    void readsRotatedBlurredAndFadedPhotos() {
        Random random = new Random(2);
        for (double degrees : new double[] {7, 33, 90, 180, 261}) {
            EInvoiceSamples.Sample sample = EInvoiceSamples.sample(random);
            BufferedImage photo = EInvoiceSamples.rotated(receipt(List.of(sample)), degrees);
            assertThat(numbers(EInvoiceSamples.jpeg(photo))).as(degrees + "°").containsExactly(sample.number());
        }
        EInvoiceSamples.Sample blurred = EInvoiceSamples.sample(random);
        assertThat(numbers(png(EInvoiceSamples.blurred(receipt(List.of(blurred)), 1))))
                .containsExactly(blurred.number());
        EInvoiceSamples.Sample faded = EInvoiceSamples.sample(random);
        assertThat(numbers(png(EInvoiceSamples.faded(receipt(List.of(faded)), 150, 200))))
                .containsExactly(faded.number());
    }

    @Test
    void readsSeveralInvoicesOnOnePdfPageAndAcrossPages() throws IOException {
        Random random = new Random(3);
        List<EInvoiceSamples.Sample> first = List.of(EInvoiceSamples.sample(random), EInvoiceSamples.sample(random));
        EInvoiceSamples.Sample second = EInvoiceSamples.sample(random);

        byte[] pdf = pdf(receipt(first), receipt(List.of(second)));

        assertThat(numbers(pdf)).containsExactlyInAnyOrder(first.get(0).number(), first.get(1).number(),
                second.number());
    }

    @Test
    void aDamagedCodeIsNeverMisread() {
        Random random = new Random(4);
        int read = 0;
        for (int n = 0; n < 12; n++) {
            EInvoiceSamples.Sample sample = EInvoiceSamples.sample(random);
            byte[] photo = png(EInvoiceSamples.damaged(receipt(List.of(sample)), 0.02 + random.nextDouble() * 0.2, random));
            try {
                ReceiptImages.Reading reading = images.read(photo);
                assertThat(reading.invoices()).allSatisfy(invoice -> {
                    assertThat(invoice.number()).isEqualTo(sample.number());
                    assertThat(invoice.total().longValueExact()).isEqualTo(sample.total());
                });
                read += reading.invoices().size();
            } catch (ReceiptImageException e) {
                assertThat(e.getMessage()).contains("no QR code");
            }
        }
        assertThat(read).as("error correction Q recovers some").isPositive();
    }

    @Test
    void aLeftCodeAloneOrAnotherBarcodeIsExplained() throws Exception {
        EInvoiceSamples.Sample sample = EInvoiceSamples.sample(new Random(5));
        BufferedImage leftOnly = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = leftOnly.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 400);
        EInvoiceSamples.draw(g, EInvoiceSamples.matrix(EInvoiceSamples.utf8(sample.left()), 300), 50, 50);
        g.dispose();
        assertThat(images.read(png(leftOnly)).problems()).singleElement().asString()
                .contains(sample.number()).contains("right code is needed");

        BufferedImage code128 = com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(
                new Code128Writer().encode("AB12345678", BarcodeFormat.CODE_128, 400, 120));
        assertThatThrownBy(() -> images.read(png(code128))).isInstanceOf(ReceiptImageException.class)
                .hasMessageContaining("CODE_128");
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        byte[] small = png(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_BINARY));
        byte[] bomb = withDimensions(small, 60_000, 60_000);

        assertThatThrownBy(() -> images.read(bomb)).isInstanceOf(ReceiptImageException.class)
                .hasMessageContaining("60000 x 60000");
        assertThatThrownBy(() -> images.read(new byte[] {1, 2, 3})).isInstanceOf(ReceiptImageException.class)
                .hasMessageContaining("neither an image");
        assertThatThrownBy(() -> new ReceiptImages(new ReceiptImages.Limits(100, 1000, 1, 72))
                .read(png(receipt(List.of(EInvoiceSamples.sample(new Random(7)))))))
                .hasMessageContaining("at most 100");
    }

    /** Seeded corruption of real image files: a reading or a refusal, nothing else. */
    @Test
    void corruptedFilesAreReadOrRefusedNeverCrash() {
        Random random = new Random(6);
        byte[] source = png(receipt(List.of(EInvoiceSamples.sample(random))));
        byte[] jpeg = EInvoiceSamples.jpeg(receipt(List.of(EInvoiceSamples.sample(random))));
        for (int n = 0; n < 60; n++) {
            byte[] file = (n % 2 == 0 ? source : jpeg).clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                file[random.nextInt(file.length)] = (byte) random.nextInt(256);
            }
            try {
                images.read(file);
            } catch (ReceiptImageException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    private List<String> numbers(byte[] file) {
        ReceiptImages.Reading reading = images.read(file);
        assertThat(reading.problems()).isEmpty();
        return reading.invoices().stream().map(EInvoice::number).toList();
    }

    private static byte[] pdf(BufferedImage... pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (BufferedImage picture : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(document, picture);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    // Printed at 150 DPI: the 200 DPI render sees each module as more than one pixel.
                    float width = picture.getWidth() * 72f / 150f;
                    float height = picture.getHeight() * 72f / 150f;
                    content.drawImage(image, 60, page.getMediaBox().getHeight() - 60 - height, width, height);
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Rewrites a PNG's IHDR width and height (with its CRC), leaving the tiny data as it is. */
    private static byte[] withDimensions(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return out;
    }
}
