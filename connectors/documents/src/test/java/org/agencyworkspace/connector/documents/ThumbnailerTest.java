package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.AwkwardPdfs.LANDSCAPE_A4;
import static org.agencyworkspace.connector.documents.AwkwardPdfs.OFFSET_MEDIA;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CORRUPT;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.NOT_MARKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.agencyworkspace.connector.documents.AwkwardPdfs.PageShape;
import org.agencyworkspace.connector.documents.DocumentRejectedException.Reason;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A thumbnail is a picture of the marked copy: the banner shows, and an unmarked PDF is refused. */
class ThumbnailerTest {

    private static final Watermarker WATERMARKER = Watermarker.builder().build();
    private static final Thumbnailer THUMBNAILER = new Thumbnailer(320, 640);

    @TempDir
    Path folder;

    static Stream<Arguments> firstPages() {
        PageShape a4 = PageShape.of(PDRectangle.A4);
        return Stream.of(
                Arguments.of("portrait A4", AwkwardPdfs.pages(a4, PageShape.of(LANDSCAPE_A4))),
                Arguments.of("landscape", AwkwardPdfs.pages(PageShape.of(LANDSCAPE_A4))),
                Arguments.of("rotated 90", AwkwardPdfs.pages(a4.rotated(90))),
                Arguments.of("offset crop box, rotated 270", AwkwardPdfs.pages(
                        PageShape.of(OFFSET_MEDIA).cropped(new PDRectangle(-250, 260, 400, 500)).rotated(270))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstPages")
    void theFirstPageOfAMarkedCopyBecomesAPngWithItsBanner(String shape, byte[] document) throws Exception {
        Path marked = Files.write(folder.resolve("marked.pdf"), Marked.watermark(WATERMARKER, document));
        ByteArrayOutputStream png = new ByteArrayOutputStream();

        THUMBNAILER.thumbnail(marked, png);

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(hasInk(thumbnail, 0, 0.06)).as("banner at the top").isTrue();
        assertThat(Marked.hasBannerRed(thumbnail, 0, 0.06)).as("in banner red").isTrue();
    }

    @Test
    void aTallPageIsNarrowerThanTheWidthSoItsHeightStaysWithinTheLimit() throws Exception {
        Path marked = Files.write(folder.resolve("marked.pdf"),
                Marked.watermark(WATERMARKER, AwkwardPdfs.pages(PageShape.of(new PDRectangle(300, 2000)))));
        ByteArrayOutputStream png = new ByteArrayOutputStream();

        THUMBNAILER.thumbnail(marked, png);

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(thumbnail.getHeight()).isEqualTo(640);
        assertThat(thumbnail.getWidth()).isLessThan(320);
    }

    @Test
    void anUnmarkedOriginalIsRefusedAndNothingIsWritten() throws Exception {
        Path original = Files.write(folder.resolve("original.pdf"), AwkwardPdfs.textPages(1));

        assertThat(refusal(original)).isEqualTo(NOT_MARKED);
    }

    @Test
    void whatIsNotAReadablePdfIsRefusedAsCorrupt() throws Exception {
        Path text = Files.writeString(folder.resolve("note.pdf"), "not a document", StandardCharsets.UTF_8);
        Path noise = Files.write(folder.resolve("noise.pdf"), AwkwardPdfs.garbageBetweenHeaderAndEnd());

        assertThat(refusal(text)).isEqualTo(CORRUPT);
        assertThat(refusal(noise)).isEqualTo(CORRUPT);
    }

    private static Reason refusal(Path pdf) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        Reason reason = catchThrowableOfType(DocumentRejectedException.class, () -> THUMBNAILER.thumbnail(pdf, png))
                .reason();
        assertThat(png.size()).isZero();
        return reason;
    }

    /**
     * Whether a strip of rows (fractions of the height) holds a pixel clearly darker than the white
     * band. At thumbnail size the banner's strokes are a few pixels high and anti-aliased to pink,
     * not near black, so "dark" means well below white.
     */
    private static boolean hasInk(BufferedImage image, double fromRow, double toRow) {
        for (int y = (int) (fromRow * image.getHeight()); y < (int) (toRow * image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double luminance = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                if (luminance < 200) {
                    return true;
                }
            }
        }
        return false;
    }
}
